package io.switchboard.chain;

import io.switchboard.SwitchboardApplication;
import io.switchboard.testing.RealInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Tool-calling chains on real RabbitMQ (sb.tools a quorum queue) and PostgreSQL. */
@SpringBootTest(classes = SwitchboardApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class RabbitPostgresChainTest extends ChainEndToEndTests {

  private static String db;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    db = RealInfrastructure.use(registry, "chain-rabbit");
    commonProperties(registry);
  }

  @AfterAll
  static void dropSchema() throws Exception {
    RealInfrastructure.dropSchema(db);
  }
}
