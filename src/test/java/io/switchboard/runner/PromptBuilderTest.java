package io.switchboard.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.kernel.StoredMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptBuilderTest {

  @Test
  void systemPromptThenHistoryOldestFirstThenTheNewMessage() {
    List<StoredMessage> history =
        List.of(message(StoredMessage.USER, "one"), message(StoredMessage.ASSISTANT, "r1"), message(StoredMessage.USER, "two"), message(StoredMessage.ASSISTANT, "r2"));
    var prompt = PromptBuilder.build("Be brief.", history, "three");
    assertThat(PromptBuilder.describe(prompt))
        .containsExactly("system: Be brief.", "user: one", "ai: r1", "user: two", "ai: r2", "user: three");
  }

  @Test
  void noSystemPromptWhenBlank() {
    assertThat(PromptBuilder.describe(PromptBuilder.build(" ", List.of(), "hi"))).containsExactly("user: hi");
  }

  private static StoredMessage message(String role, String text) {
    return new StoredMessage(0, "e", role, text, null, null, null, null);
  }
}
