package io.switchboard.command;

import io.switchboard.SwitchboardApplication;
import io.switchboard.testing.RealInfrastructure;
import io.switchboard.testing.TestData;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The command stages on real RabbitMQ and PostgreSQL: counters, grants and keys shared through the database. */
@SpringBootTest(
    classes = SwitchboardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"switchboard.routes-dir=" + RabbitPostgresCommandsTest.ROUTES, "camel.main.routes-reload-enabled=true"})
@DirtiesContext
class RabbitPostgresCommandsTest extends CommandsEndToEndTests {

  static final String ROUTES = "target/test-routes/commands-rabbit";
  private static String db;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    db = RealInfrastructure.use(registry, "commands-rabbit");
    TestData.freshDirectory(ROUTES);
    commonProperties(registry);
  }

  @Override
  Path routesDir() {
    return Path.of(ROUTES);
  }

  @AfterAll
  static void dropSchema() throws Exception {
    RealInfrastructure.dropSchema(db);
  }
}
