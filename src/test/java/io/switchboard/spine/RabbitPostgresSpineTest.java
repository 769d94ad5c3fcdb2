package io.switchboard.spine;

import io.switchboard.SwitchboardApplication;
import io.switchboard.testing.RealInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same spine on real RabbitMQ (quorum queues, single active consumers) and PostgreSQL. */
@SpringBootTest(classes = SwitchboardApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class RabbitPostgresSpineTest extends SpineEndToEndTests {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    RealInfrastructure.freshVirtualHost();
    String db = RealInfrastructure.freshSchema();
    Path data = Files.createTempDirectory("switchboard-rabbit-");
    registry.add("switchboard.data-dir", data::toString);
    registry.add("switchboard.routes-dir", () -> data.resolve("routes").toString());
    registry.add("switchboard.broker.url", RealInfrastructure::brokerUrl);
    registry.add("switchboard.db.url", () -> db);
    registry.add("switchboard.db.username", () -> RealInfrastructure.POSTGRES_USER);
    commonProperties(registry);
  }
}
