package io.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;

class SwitchboardEnvironmentTest {

  @TempDir Path routes;

  @Test
  void aFileNamedLikeACoreRouteFileReplacesIt() throws Exception {
    Files.writeString(routes.resolve("pipeline.camel.yaml"), "[]");
    Files.writeString(routes.resolve("extra.yaml"), "[]");
    assertThat(SwitchboardEnvironment.overriddenCoreRoutes(routes)).containsExactly("classpath:routes/pipeline.camel.yaml");
  }

  @Test
  void derivesOneInstanceIdTheShardQueuesAndTheRoutePatterns() {
    StandardEnvironment env = new StandardEnvironment();
    System.setProperty("switchboard.routes-dir", routes.toString());
    try {
      new SwitchboardEnvironment().postProcessEnvironment(env, new SpringApplication());
    } finally {
      System.clearProperty("switchboard.routes-dir");
    }
    String id = env.getProperty("switchboard.instance-id");
    assertThat(id).hasSize(8).isEqualTo(env.getProperty("switchboard.instance-id"));
    assertThat(env.getProperty("switchboard.pipeline.queue-names")).isEqualTo("sb.pipeline.0,sb.pipeline.1,sb.pipeline.2,sb.pipeline.3");
    assertThat(env.getProperty("camel.main.routes-include-pattern").split(","))
        .startsWith("classpath:routes/error-handling.camel.yaml", "classpath:routes/ingress.camel.yaml")
        .contains("classpath:adapters/http/http.camel.yaml", "classpath:adapters/telegram/telegram.camel.yaml")
        .endsWith("file:" + routes + "/*.yaml");
  }
}
