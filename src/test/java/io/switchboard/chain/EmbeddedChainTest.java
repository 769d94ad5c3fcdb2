package io.switchboard.chain;

import io.switchboard.SwitchboardApplication;
import io.switchboard.testing.TestData;
import java.io.IOException;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Tool-calling chains on the defaults: the embedded broker and H2. */
@SpringBootTest(classes = SwitchboardApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class EmbeddedChainTest extends ChainEndToEndTests {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    TestData.freshDataDirectory(registry, "chain-embedded");
    commonProperties(registry);
  }
}
