package io.switchboard.spine;

import io.switchboard.SwitchboardApplication;
import io.switchboard.testing.RealInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same spine on real RabbitMQ (quorum queues, single active consumers) and PostgreSQL. */
// Spring Boot tests switch metrics export off unless asked; the Prometheus endpoint is part of what is tested
@AutoConfigureObservability
@SpringBootTest(
    classes = SwitchboardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"switchboard.routes-dir=target/test-routes/rabbit", "camel.main.routes-reload-enabled=false"})
@DirtiesContext
class RabbitPostgresSpineTest extends SpineEndToEndTests {

  private static String db;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    db = RealInfrastructure.use(registry, "rabbit");
    commonProperties(registry);
  }

  @AfterAll
  static void dropSchema() throws Exception {
    RealInfrastructure.dropSchema(db);
  }
}
