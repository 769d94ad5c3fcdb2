package io.switchboard.subscription;

import io.switchboard.SwitchboardApplication;
import io.switchboard.testing.RealInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Subscriptions and producers on real RabbitMQ and PostgreSQL. */
@SpringBootTest(
    classes = SwitchboardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"switchboard.routes-dir=target/test-routes/subscriptions-rabbit", "camel.main.routes-reload-enabled=false"})
@DirtiesContext
class RabbitPostgresSubscriptionsTest extends SubscriptionsEndToEndTests {

  private static String db;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    db = RealInfrastructure.use(registry, "subscriptions-rabbit");
    commonProperties(registry);
  }

  @AfterAll
  static void dropSchema() throws Exception {
    RealInfrastructure.dropSchema(db);
  }
}
