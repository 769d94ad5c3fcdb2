package io.switchboard.adapter.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import io.switchboard.kernel.MetaKeys;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelegramSenderTest {

  @Test
  void textThenPhotosAndDocumentsByUrl() {
    Envelope request = Envelopes.received(new ConversationKey("telegram", "tg", "42"), "private", new Envelope.Sender("u", null), "q", Map.of());
    Envelope reply = Envelopes.reply(request, List.of(
        Envelope.Part.text("**here**"),
        new Envelope.Part("image", null, "https://example.org/a.png", "image/png", null, null),
        new Envelope.Part("file", null, "https://example.org/r.pdf", "application/pdf", "r.pdf", null),
        new Envelope.Part("image", null, null, null, null, "telegram-file-id-only")), Map.of());
    var calls = TelegramSender.calls("42", reply);
    assertThat(calls).extracting(c -> c.get("method")).containsExactly("sendMessage", "sendPhoto", "sendDocument");
    assertThat(calls.get(0)).containsEntry("text", "<b>here</b>").containsEntry("parse_mode", "HTML").containsEntry("chat_id", "42");
    assertThat(calls.get(1)).containsEntry("photo", "https://example.org/a.png");
    assertThat(calls.get(2)).containsEntry("document", "https://example.org/r.pdf");
  }

  @Test
  void aConfirmationQuestionCarriesAButtonPerAnswerUnderItsLastMessage() {
    Envelope request = Envelopes.received(new ConversationKey("telegram", "tg", "42"), "private", new Envelope.Sender("u", null), "q", Map.of());
    Envelope question = Envelopes.reply(request, List.of(Envelope.Part.text("Run forget_city?")),
        Map.of(MetaKeys.CONFIRMATIONS, List.of(Map.of("id", "k3x9qa", "tool", "forget_city", "arguments", "{}"))));
    Map<String, Object> call = TelegramSender.calls("42", question).get(0);
    assertThat(call.get("reply_markup")).isEqualTo(Map.of("inline_keyboard", List.of(List.of(
        Map.of("text", "\u2705 /confirm k3x9qa", "callback_data", "/confirm k3x9qa"),
        Map.of("text", "\u2716 /cancel k3x9qa", "callback_data", "/cancel k3x9qa")))));
    assertThat(TelegramSender.calls("42", Envelopes.reply(request, List.of(Envelope.Part.text("plain")), Map.of())).get(0)).doesNotContainKey("reply_markup");
  }
}
