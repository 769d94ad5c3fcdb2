package io.switchboard.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlackSenderTest {

  @Test
  void markdownBecomesMrkdwn() {
    assertThat(SlackSender.mrkdwn("**bold** and [docs](https://example.org/x) and `code`"))
        .isEqualTo("*bold* and <https://example.org/x|docs> and `code`");
  }

  @Test
  void aThreadedConversationRepliesInItsThread() {
    assertThat(SlackInbound.Destination.of("C1:1767225600.000100")).isEqualTo(new SlackInbound.Destination("C1", "1767225600.000100"));
    assertThat(SlackInbound.Destination.of("D1")).isEqualTo(new SlackInbound.Destination("D1", null));
  }
}
