package io.switchboard.spine;

import io.switchboard.SwitchboardApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The spine on the defaults: the embedded Qpid broker and H2, both under a fresh data directory. */
@SpringBootTest(
    classes = SwitchboardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"switchboard.routes-dir=target/test-routes/embedded", "camel.main.routes-reload-enabled=false"})
@DirtiesContext
class EmbeddedSpineTest extends SpineEndToEndTests {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    Path data = Files.createTempDirectory("switchboard-embedded-");
    registry.add("switchboard.data-dir", data::toString);
    commonProperties(registry);
  }
}
