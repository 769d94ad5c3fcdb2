package io.switchboard.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessListsTest {

  final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  static Envelope message(String bot, String chatType, String chatId, String user) {
    return Envelopes.received(new ConversationKey("telegram", bot, chatId), chatType, new Envelope.Sender(user, null), "hi", Map.of());
  }

  @Test
  void wildcardsMatchAnythingInTheirPlace() {
    assertThat(AccessLists.matches("telegram:*:group:-100123", "telegram:tg:group:-100123")).isTrue();
    assertThat(AccessLists.matches("telegram:*:group:-100123", "telegram:tg:group:-100999")).isFalse();
    assertThat(AccessLists.matches("*:*:user:42", "slack:sl:user:42")).isTrue();
    assertThat(AccessLists.matches("*:*:user:42", "slack:sl:user:420")).isFalse();
    assertThat(AccessLists.matches("telegram:tg:*", "telegram:tg:private:7")).isTrue();
  }

  @Test
  void denyWinsAndANonEmptyAllowListAdmitsOnlyItsMatches() {
    AccessSettings settings = new AccessSettings(Map.of(), List.of(), List.of("*:*:user:666"),
        Map.of("tg", new AccessSettings.Lists(List.of("telegram:tg:group:-100123", "*:*:user:42"), List.of())));
    AccessLists lists = new AccessLists(settings, meters);
    assertThat(lists.admitted(message("tg", "group", "-100123", "7"))).isTrue();
    assertThat(lists.admitted(message("tg", "private", "42", "42"))).isTrue();
    assertThat(lists.admitted(message("tg", "group", "-100999", "7"))).isFalse();
    assertThat(lists.admitted(message("tg", "group", "-100123", "666"))).isFalse();
    // another bot has no allow list: everyone but the denied user
    assertThat(lists.admitted(message("other", "group", "-5", "7"))).isTrue();
    assertThat(lists.admitted(message("other", "group", "-5", "666"))).isFalse();
    assertThat(meters.counter("switchboard.access.denied", "platform", "telegram", "bot", "tg").count()).isEqualTo(2);
  }
}
