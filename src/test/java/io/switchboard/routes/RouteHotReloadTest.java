package io.switchboard.routes;

import io.switchboard.testing.TestData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.SwitchboardApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/** Routes in {@code switchboard.routes-dir} are added and hot-reloaded without touching the core routes. */
@SpringBootTest(
    classes = SwitchboardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "switchboard.routes-dir=" + RouteHotReloadTest.ROUTES,
      "camel.main.routes-reload-enabled=true"
    })
@DirtiesContext
class RouteHotReloadTest {

  @DynamicPropertySource
  static void freshDataDirectory(DynamicPropertyRegistry registry) throws IOException {
    TestData.freshDataDirectory(registry, "reload");
  }

  static final String ROUTES = "target/test-routes/reload";

  static {
    FileSystemUtils.deleteRecursively(new java.io.File(ROUTES));
    new java.io.File(ROUTES).mkdirs();
  }

  @Autowired CamelContext camel;
  @Autowired ProducerTemplate producer;

  @Test
  void aRouteFileIsLoadedAndReloadedWhileTheCoreRoutesKeepRunning() throws IOException {
    Path file = Path.of(ROUTES, "greeting.yaml");
    Files.writeString(file, route("v1"));
    await().atMost(Duration.ofSeconds(30)).until(() -> camel.getRoute("greeting") != null && reply().equals("v1"));

    Files.writeString(file, route("v2"));
    await().atMost(Duration.ofSeconds(30)).until(() -> reply().equals("v2"));

    assertThat(camel.getRouteController().getRouteStatus("pipeline")).isEqualTo(ServiceStatus.Started);
    assertThat(camel.getRouteController().getRouteStatus("pipeline-consumer")).isEqualTo(ServiceStatus.Started);
    assertThat(camel.getRouteController().getRouteStatus("ingress")).isEqualTo(ServiceStatus.Started);
  }

  private String reply() {
    try {
      return producer.requestBody("direct:greeting", "", String.class);
    } catch (RuntimeException notYet) {
      return "";
    }
  }

  private static String route(String version) {
    return """
        - route:
            id: greeting
            from:
              uri: direct:greeting
              steps:
                - setBody:
                    id: greeting-body
                    constant: %s
        """
        .formatted(version);
  }
}
