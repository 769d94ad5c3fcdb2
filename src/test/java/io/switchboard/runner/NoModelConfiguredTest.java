package io.switchboard.runner;

import io.switchboard.testing.TestData;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.SwitchboardApplication;
import io.switchboard.channel.LocalConversations;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Without a model the bot still runs: commands work, and a chat message is told which setting to fill in. */
@SpringBootTest(
    classes = SwitchboardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "switchboard.routes-dir=target/test-routes/no-model",
      "camel.main.routes-reload-enabled=false",
      "switchboard.llm.base-url=",
      "switchboard.llm.api-key=",
      // a quota of one: without a model nothing is rationed, so the second message is still told what to configure
      "switchboard.limits.quota.requests-per-day=1"
    })
@DirtiesContext
class NoModelConfiguredTest {

  @DynamicPropertySource
  static void freshDataDirectory(DynamicPropertyRegistry registry) throws IOException {
    TestData.freshDataDirectory(registry, "no-model");
  }

  @Autowired LocalConversations conversations;

  @Test
  void chatMessagesNameTheSettingAndCommandsStillWork() throws Exception {
    ConversationKey key = new ConversationKey("cli", "default", "no-model-" + System.nanoTime());
    Envelope.Sender sender = new Envelope.Sender("ivy", null);

    String reply = conversations.ask(key, sender, "hello?", Map.of(), Duration.ofSeconds(30)).get().text();
    assertThat(reply).contains("switchboard.llm.base-url").contains("SWITCHBOARD_LLM_API_KEY");

    String zh = conversations.ask(key, sender, "你好", Map.of("locale", "zh-CN"), Duration.ofSeconds(30)).get().text();
    assertThat(zh).contains("尚未配置模型").contains("switchboard.llm.base-url");

    assertThat(conversations.ask(key, sender, "/whoami", Map.of(), Duration.ofSeconds(30)).get().text()).contains("platform: cli");
  }
}
