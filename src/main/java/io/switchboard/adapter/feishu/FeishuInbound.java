package io.switchboard.adapter.feishu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.egress.ConfirmationButtons;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import io.switchboard.kernel.MetaKeys;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
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

  /** A press on an interactive card (schema 2.0 callback). */
  static final String CARD_ACTION = "card.action.trigger";

  private FeishuInbound() {}

  /**
   * A press of one of our confirmation buttons on a card: the button's command from the user Feishu names as the
   * operator, in the card's chat. The id names the card's message first, so the reply goes under the card, then the
   * callback's event id, so a re-pushed callback is one event. Any other card action is not taken.
   */
  static Optional<Envelope> fromButton(String botId, JsonNode callback) {
    JsonNode event = callback.path("event");
    String command = event.path("action").path("value").path("command").asText("");
    String chatId = event.path("context").path("open_chat_id").asText("");
    String cardMessage = event.path("context").path("open_message_id").asText("");
    if (!ConfirmationButtons.isButtonCommand(command) || chatId.isEmpty() || cardMessage.isEmpty()) {
      return Optional.empty();
    }
    JsonNode operator = event.path("operator");
    String id = cardMessage + ":button:" + callback.path("header").path("event_id").asText();
    return Optional.of(
        new Envelope(
            Envelope.SPEC_VERSION,
            Envelope.MESSAGE_RECEIVED,
            "/feishu/" + botId,
            id,
            OffsetDateTime.ofInstant(Instant.ofEpochMilli(callback.path("header").path("create_time").asLong(System.currentTimeMillis())), ZoneOffset.UTC),
            new ConversationKey("feishu", botId, chatId).toString(),
            Envelope.CONTENT_TYPE,
            new Envelope.Data(
                new Envelope.Chat(Envelope.Chat.GROUP, chatId), // the callback does not say; a group is the stricter reading
                new Envelope.Sender(operator.path("open_id").asText(operator.path("user_id").asText("unknown")), null),
                List.of(Envelope.Part.text(command)),
                new Envelope.Chain(id, null, 0),
                Map.of(MetaKeys.ADDRESSED, true))));
  }

  /**
   * The group events of a callback: {@code im.chat.member.user.added_v1} and {@code ...user.deleted_v1}, one event per
   * member (the operator who added or removed them as the actor), and {@code im.chat.member.bot.added_v1} /
   * {@code ...bot.deleted_v1}, the bot's own (the operator as the sender). Ids are the chat, the callback's event id
   * and the member, so a re-pushed callback is the same events.
   */
  public static List<Envelope> groupEvents(String botId, JsonNode callback) {
    String type = callback.path("header").path("event_type").asText();
    JsonNode event = callback.path("event");
    String chatId = event.path("chat_id").asText("");
    if (chatId.isEmpty() || !type.startsWith("im.chat.member.")) {
      return List.of();
    }
    ConversationKey conversation = new ConversationKey("feishu", botId, chatId);
    String id = chatId + ":" + callback.path("header").path("event_id").asText();
    OffsetDateTime time = OffsetDateTime.ofInstant(Instant.ofEpochMilli(callback.path("header").path("create_time").asLong(System.currentTimeMillis())),
        ZoneOffset.UTC);
    String operator = openId(event.path("operator_id"));
    List<Envelope> events = new ArrayList<>();
    switch (type) {
      case "im.chat.member.bot.added_v1", "im.chat.member.bot.deleted_v1" -> events.add(Envelopes.groupEvent(conversation,
          type.endsWith("added_v1") ? Envelope.GROUP_BOT_ADDED : Envelope.GROUP_BOT_REMOVED, id, time,
          new Envelope.Sender(operator == null ? botId : operator, null), Envelopes.mention(botId, null), null));
      case "im.chat.member.user.added_v1", "im.chat.member.user.deleted_v1" -> {
        for (JsonNode user : event.path("users")) {
          String member = openId(user.has("user_id") ? user.path("user_id") : user.path("member_id"));
          if (member == null) {
            continue;
          }
          String name = user.path("name").asText(null);
          events.add(Envelopes.groupEvent(conversation, type.endsWith("added_v1") ? Envelope.GROUP_MEMBER_JOINED : Envelope.GROUP_MEMBER_LEFT,
              id + ":" + member, time, new Envelope.Sender(member, name), Envelopes.mention(member, name), operator));
        }
      }
      default -> { } // an invitation withdrawn, a chat updated: not group events Switchboard names
    }
    return events;
  }

  /** A Feishu user id object's {@code open_id} (the id the bot's messages and mentions use), or its user_id. */
  private static String openId(JsonNode ids) {
    String id = ids.path("open_id").asText(ids.path("user_id").asText(""));
    return id.isEmpty() ? null : id;
  }

  /** The Feishu message a reply answers: an event's id is its message's id, or starts with it (a card's button). */
  static String messageIdOf(String eventId) {
    int colon = eventId.indexOf(':');
    return colon < 0 ? eventId : eventId.substring(0, colon);
  }

  public static Optional<Envelope> toEvent(String botId, JsonNode callback) {
    String type = callback.path("header").path("event_type").asText();
    if (CARD_ACTION.equals(type)) {
      return fromButton(botId, callback);
    }
    if (!"im.message.receive_v1".equals(type)) {
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
