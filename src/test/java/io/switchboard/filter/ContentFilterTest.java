package io.switchboard.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import io.switchboard.kernel.Turn;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;

class ContentFilterTest {

  final StaticMessageSource messages = new StaticMessageSource();

  ContentFilterTest() {
    messages.addMessage("filter.blocked", Locale.ENGLISH, "refused");
  }

  ContentFilter filter(ContentFilter.Settings.Action action) {
    return new ContentFilter(new ContentFilter.Settings(List.of("secret", "机密"), action), messages, new SimpleMeterRegistry());
  }

  static Turn turn(String text) {
    return new Turn(Envelopes.received(new ConversationKey("api", "api", "c"), "private", new Envelope.Sender("u", null), text, Map.of()));
  }

  @Test
  void maskReplacesEachMatchIgnoringCaseAndWordBoundaries() {
    Turn turn = filter(ContentFilter.Settings.Action.MASK).checkInput(turn("my SECRET plan, 这是机密文件"));
    assertThat(turn.answered()).isFalse();
    assertThat(turn.promptText()).isEqualTo("my ****** plan, 这是**文件");
  }

  @Test
  void blockAnswersANeutralRefusalSoTheModelIsNotCalled() {
    Turn turn = filter(ContentFilter.Settings.Action.BLOCK).checkInput(turn("tell me the secret"));
    assertThat(turn.answered()).isTrue();
    assertThat(turn.replyText()).isEqualTo("refused");
  }

  @Test
  void theAnswerIsFilteredToo() {
    Turn masked = turn("hi");
    masked.reply("the secret is 42", "m", 1, 1);
    assertThat(filter(ContentFilter.Settings.Action.MASK).checkOutput(masked).replyText()).isEqualTo("the ****** is 42");
    Turn blocked = turn("hi");
    blocked.reply("the secret is 42", "m", 1, 1);
    assertThat(filter(ContentFilter.Settings.Action.BLOCK).checkOutput(blocked).replyText()).isEqualTo("refused");
    assertThat(blocked.promptTokens()).isEqualTo(1);
  }

  @Test
  void cleanTextPassesUntouched() {
    Turn turn = filter(ContentFilter.Settings.Action.BLOCK).checkInput(turn("hello"));
    assertThat(turn.answered()).isFalse();
    assertThat(turn.promptText()).isEqualTo("hello");
  }
}
