package io.switchboard.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvelopesTest {

  @Test
  void aReplyAnswersItsEventInTheSameConversationOneLinkDownTheChain() {
    Envelope event =
        Envelopes.received(
            new ConversationKey("web", "default", "c1"), "private", new Envelope.Sender("u", null), "hi", Map.of(Envelopes.META_REPLY_TO, "i1"));
    Envelope reply = Envelopes.reply(event, List.of(Envelope.Part.text("hello")), Map.of());

    assertThat(reply.subject()).isEqualTo("web:default:c1");
    assertThat(reply.type()).isEqualTo("message.reply");
    assertThat(reply.meta(Envelopes.META_IN_REPLY_TO)).isEqualTo(event.id());
    assertThat(reply.data().chain()).isEqualTo(new Envelope.Chain(event.id(), event.id(), 1));
    assertThat(Envelopes.egressRoutingKey(reply)).isEqualTo("web.default.i1");
    assertThat(Envelopes.ingressRoutingKey(event)).isEqualTo("message.received.web.default");
  }

  @Test
  void repliesForPlatformBotsAreKeyedByPlatformAndBot() {
    Envelope event =
        Envelopes.received(new ConversationKey("telegram", "tg1", "42"), "group", new Envelope.Sender("u", null), "hi", Map.of());
    assertThat(Envelopes.egressRoutingKey(Envelopes.reply(event, List.of(), Map.of()))).isEqualTo("telegram.tg1");
  }

  @Test
  void conversationKeysKeepColonsInTheChatId() {
    assertThat(ConversationKey.parse("slack:s1:C1:1700000000.0001")).isEqualTo(new ConversationKey("slack", "s1", "C1:1700000000.0001"));
    assertThatThrownBy(() -> ConversationKey.parse("slack:s1")).hasMessageContaining("<platform>:<bot>:<chatId>");
    assertThatThrownBy(() -> ConversationKey.parse(null)).hasMessageContaining("missing");
  }

  @Test
  void aBotsLanguageFillsInOnlyWhereThePlatformSaidNothing() {
    Envelope silent = Envelopes.received(new ConversationKey("wecom", "wc", "zhangsan"), "private", new Envelope.Sender("zhangsan", null), "hi", Map.of("addressed", true));
    Envelope localized = Envelopes.withDefaultLocale(silent, "zh");
    assertThat(localized.meta("locale")).isEqualTo("zh");
    assertThat(localized.meta("addressed")).isEqualTo(true);
    assertThat(localized.id()).isEqualTo(silent.id());
    Envelope told = Envelopes.received(new ConversationKey("telegram", "tg", "1"), "private", new Envelope.Sender("1", null), "hi", Map.of("locale", "de"));
    assertThat(Envelopes.withDefaultLocale(told, "zh").meta("locale")).isEqualTo("de");
    assertThat(Envelopes.withDefaultLocale(silent, null)).isSameAs(silent);
  }
}
