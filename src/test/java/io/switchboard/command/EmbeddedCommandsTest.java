package io.switchboard.command;

import io.switchboard.SwitchboardApplication;
import io.switchboard.testing.TestData;
import java.io.IOException;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The command stages on the defaults: the embedded broker and H2. */
@SpringBootTest(
    classes = SwitchboardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"switchboard.routes-dir=" + EmbeddedCommandsTest.ROUTES, "camel.main.routes-reload-enabled=true"})
@DirtiesContext
class EmbeddedCommandsTest extends CommandsEndToEndTests {

  static final String ROUTES = "target/test-routes/commands-embedded";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    TestData.freshDataDirectory(registry, "commands-embedded");
    TestData.freshDirectory(ROUTES);
    commonProperties(registry);
  }

  @Override
  Path routesDir() {
    return Path.of(ROUTES);
  }
}
