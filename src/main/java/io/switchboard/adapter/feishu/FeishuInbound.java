package io.switchboard.adapter.feishu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.kernel.MetaKeys;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Feishu's converter: an {@code im.message.receive_v1} event becomes a CloudEvent whose id is the message's
 * {@code message_id} (Feishu's own advice: event ids can repeat, message ids identify the message), so every re-push
 * over Feishu's 7.1-hour retry window is answered once. A group message is addressed when it @mentions someone: with
 * the default permissions Feishu only sends a bot the group messages that mention it.
 */
public final class FeishuInbound {

  private static final ObjectMapper JSON = new ObjectMapper();

  private FeishuInbound() {}

  public static Optional<Envelope> toEvent(String botId, JsonNode callback) {
    if (!"im.message.receive_v1".equals(callback.path("header").path("event_type").asText())) {
      return Optional.empty();
    }
    JsonNode message = callback.path("event").path("message");
    if (!"text".equals(message.path("message_type").asText())) {
      return Optional.empty(); // images, files, posts: not handled yet
    }
    String text;
    try {
      text = JSON.readTree(message.path("content").asText("{}")).path("text").asText("");
    } catch (IOException e) {
      return Optional.empty();
    }
    JsonNode mentions = message.path("mentions");
    for (JsonNode mention : mentions) {
      text = text.replace(mention.path("key").asText("\u0000"), "");
    }
    text = text.strip();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String messageId = message.path("message_id").asText();
    String chatId = message.path("chat_id").asText();
    boolean group = !"p2p".equals(message.path("chat_type").asText());
    JsonNode senderId = callback.path("event").path("sender").path("sender_id");
    ConversationKey conversation = new ConversationKey("feishu", botId, chatId);
    return Optional.of(
        new Envelope(
            Envelope.SPEC_VERSION,
            Envelope.MESSAGE_RECEIVED,
            "/feishu/" + botId,
            messageId,
            OffsetDateTime.ofInstant(Instant.ofEpochMilli(message.path("create_time").asLong(System.currentTimeMillis())), ZoneOffset.UTC),
            conversation.toString(),
            Envelope.CONTENT_TYPE,
            new Envelope.Data(
                new Envelope.Chat(group ? Envelope.Chat.GROUP : Envelope.Chat.PRIVATE, chatId),
                new Envelope.Sender(senderId.path("open_id").asText(senderId.path("user_id").asText("unknown")), null),
                List.of(Envelope.Part.text(text)),
                new Envelope.Chain(messageId, null, 0),
                Map.of(MetaKeys.ADDRESSED, !group || !mentions.isEmpty()))));
  }
}
