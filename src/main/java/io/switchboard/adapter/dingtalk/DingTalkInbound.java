package io.switchboard.adapter.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.kernel.MetaKeys;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DingTalk's converter: an outgoing-robot callback becomes a CloudEvent whose id is DingTalk's {@code msgId}, so a
 * redelivered callback is answered once. A 1:1 chat ({@code conversationType} "1") is private; a group message reaches
 * the robot only when it is @mentioned, so it is addressed.
 */
public final class DingTalkInbound {

  private DingTalkInbound() {}

  public static Optional<Envelope> toEvent(String botId, JsonNode callback) {
    String text = callback.path("text").path("content").asText("").strip();
    String msgId = callback.path("msgId").asText();
    String conversationId = callback.path("conversationId").asText();
    if (text.isEmpty() || msgId.isEmpty() || conversationId.isEmpty()) {
      return Optional.empty(); // pictures, rich text, ...: not handled yet
    }
    boolean group = "2".equals(callback.path("conversationType").asText());
    String sender = callback.path("senderStaffId").asText(callback.path("senderId").asText());
    long created = callback.path("createAt").asLong(System.currentTimeMillis());
    ConversationKey conversation = new ConversationKey("dingtalk", botId, conversationId);
    return Optional.of(
        new Envelope(
            Envelope.SPEC_VERSION,
            Envelope.MESSAGE_RECEIVED,
            "/dingtalk/" + botId,
            msgId,
            OffsetDateTime.ofInstant(Instant.ofEpochMilli(created), ZoneOffset.UTC),
            conversation.toString(),
            Envelope.CONTENT_TYPE,
            new Envelope.Data(
                new Envelope.Chat(group ? Envelope.Chat.GROUP : Envelope.Chat.PRIVATE, conversationId),
                new Envelope.Sender(sender, callback.path("senderNick").asText(null)),
                List.of(Envelope.Part.text(text)),
                new Envelope.Chain(msgId, null, 0),
                Map.of(MetaKeys.ADDRESSED, !group || callback.path("isInAtList").asBoolean(true)))));
  }
}
