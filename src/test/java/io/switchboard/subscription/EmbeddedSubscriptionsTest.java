package io.switchboard.subscription;

import io.switchboard.SwitchboardApplication;
import io.switchboard.testing.TestData;
import java.io.IOException;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Subscriptions and producers on the defaults: the embedded broker and H2. */
@SpringBootTest(
    classes = SwitchboardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"switchboard.routes-dir=target/test-routes/subscriptions-embedded", "camel.main.routes-reload-enabled=false"})
@DirtiesContext
class EmbeddedSubscriptionsTest extends SubscriptionsEndToEndTests {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    TestData.freshDataDirectory(registry, "subscriptions-embedded");
    commonProperties(registry);
  }
}
