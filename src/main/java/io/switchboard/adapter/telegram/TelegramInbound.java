package io.switchboard.adapter.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.egress.ConfirmationButtons;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import io.switchboard.kernel.MetaKeys;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Telegram's converter: an {@code Update} (the same JSON from getUpdates and from the webhook) becomes a CloudEvent.
 * The id is {@code <chat id>:<message id>}, so a re-delivered update (a restart of polling, a webhook retry) is the same
 * event and is answered once. Text or caption, the largest photo, a document and the replied-to message become parts;
 * the file parts carry Telegram's file_id, downloaded through getFile when needed. A press of a confirmation button
 * (a {@code callback_query}) becomes the command it stands for, from the user who pressed it.
 */
public final class TelegramInbound {

  /** The bot's own identity, from getMe: to recognise mentions of it and replies to it. */
  public record BotIdentity(long id, String username) {}

  private TelegramInbound() {}

  public static Optional<Envelope> toEvent(String botId, BotIdentity self, JsonNode update) {
    if (update.has("callback_query")) {
      return fromButton(botId, update.path("callback_query"));
    }
    JsonNode message = update.has("message") ? update.path("message") : update.path("edited_message");
    if (message.isMissingNode() || !message.has("chat")) {
      return Optional.empty(); // channel posts, member updates: not handled yet
    }
    JsonNode chat = message.path("chat");
    String chatId = chat.path("id").asText();
    boolean privateChat = "private".equals(chat.path("type").asText());
    String text = message.has("text") ? message.path("text").asText() : message.path("caption").asText("");

    List<Envelope.Part> parts = new ArrayList<>();
    boolean mentioned = false;
    for (JsonNode entity : entities(message)) {
      if ("mention".equals(entity.path("type").asText())) {
        String mention = substring(text, entity.path("offset").asInt(), entity.path("length").asInt());
        if (self.username() != null && mention.equalsIgnoreCase("@" + self.username())) {
          mentioned = true;
          parts.add(new Envelope.Part("mention", mention, null, null, self.username(), String.valueOf(self.id())));
        }
      }
    }
    JsonNode replyTo = message.path("reply_to_message");
    boolean replyToBot = replyTo.path("from").path("id").asLong(-1) == self.id();
    if (!replyTo.isMissingNode()) {
      parts.add(new Envelope.Part("quote", replyTo.path("text").asText(replyTo.path("caption").asText("")), null, null, null,
          chatId + ":" + replyTo.path("message_id").asText()));
    }
    if (!text.isBlank()) {
      parts.add(Envelope.Part.text(stripMention(text, self)));
    }
    JsonNode photos = message.path("photo");
    if (photos.isArray() && !photos.isEmpty()) {
      JsonNode largest = photos.get(photos.size() - 1); // Telegram lists sizes smallest first
      parts.add(new Envelope.Part("image", null, null, "image/jpeg", null, largest.path("file_id").asText()));
    }
    JsonNode document = message.path("document");
    if (!document.isMissingNode()) {
      parts.add(new Envelope.Part("file", null, null, document.path("mime_type").asText(null), document.path("file_name").asText(null),
          document.path("file_id").asText()));
    }
    if (parts.stream().noneMatch(p -> !"mention".equals(p.type()) && !"quote".equals(p.type()))) {
      return Optional.empty(); // stickers, locations, ...: nothing a runner can read yet
    }

    JsonNode from = message.path("from");
    String name = (from.path("first_name").asText("") + " " + from.path("last_name").asText("")).strip();
    Map<String, Object> meta = new HashMap<>();
    meta.put(MetaKeys.ADDRESSED, privateChat || mentioned || replyToBot);
    if (from.has("language_code")) {
      meta.put("locale", from.path("language_code").asText());
    }
    meta.put("messageId", message.path("message_id").asLong());
    String id = chatId + ":" + message.path("message_id").asText();
    ConversationKey conversation = new ConversationKey("telegram", botId, chatId);
    return Optional.of(
        new Envelope(
            Envelope.SPEC_VERSION,
            update.has("edited_message") ? "message.edited" : Envelope.MESSAGE_RECEIVED,
            "/telegram/" + botId,
            update.has("edited_message") ? id + ":edit:" + message.path("edit_date").asText() : id,
            OffsetDateTime.ofInstant(Instant.ofEpochSecond(message.path("date").asLong()), ZoneOffset.UTC),
            conversation.toString(),
            Envelope.CONTENT_TYPE,
            new Envelope.Data(
                new Envelope.Chat(privateChat ? Envelope.Chat.PRIVATE : Envelope.Chat.GROUP, chatId),
                new Envelope.Sender(from.path("id").asText(), name.isEmpty() ? from.path("username").asText(null) : name),
                parts,
                new Envelope.Chain(id, null, 0),
                meta)));
  }

  /**
   * The group events in an update: members in {@code new_chat_members} (one event each) and {@code left_chat_member},
   * and the bot's own membership from {@code my_chat_member} (added: from left or kicked to a member; removed: the
   * other way). The bot in {@code new_chat_members} is left to {@code my_chat_member}, which Telegram sends as well.
   */
  public static List<Envelope> groupEvents(String botId, BotIdentity self, JsonNode update) {
    List<Envelope> events = new ArrayList<>();
    JsonNode membership = update.path("my_chat_member");
    if (membership.has("chat") && !"private".equals(membership.path("chat").path("type").asText())) {
      boolean was = isMember(membership.path("old_chat_member").path("status").asText());
      boolean is = isMember(membership.path("new_chat_member").path("status").asText());
      if (was != is) {
        String chatId = membership.path("chat").path("id").asText();
        events.add(Envelopes.groupEvent(new ConversationKey("telegram", botId, chatId), is ? Envelope.GROUP_BOT_ADDED : Envelope.GROUP_BOT_REMOVED,
            chatId + ":update:" + update.path("update_id").asText(), time(membership), sender(membership.path("from")),
            Envelopes.mention(String.valueOf(self.id()), self.username()), null));
      }
    }
    JsonNode message = update.path("message");
    if (!message.has("chat") || "private".equals(message.path("chat").path("type").asText())) {
      return events;
    }
    String chatId = message.path("chat").path("id").asText();
    ConversationKey conversation = new ConversationKey("telegram", botId, chatId);
    String actor = message.path("from").path("id").asText(null);
    for (JsonNode member : message.path("new_chat_members")) {
      if (member.path("id").asLong() != self.id()) {
        events.add(memberEvent(conversation, Envelope.GROUP_MEMBER_JOINED, message, "joined", member, actor));
      }
    }
    JsonNode left = message.path("left_chat_member");
    if (left.has("id") && left.path("id").asLong() != self.id()) {
      events.add(memberEvent(conversation, Envelope.GROUP_MEMBER_LEFT, message, "left", left, actor));
    }
    return events;
  }

  private static Envelope memberEvent(ConversationKey conversation, String type, JsonNode message, String what, JsonNode member, String actor) {
    Envelope.Sender sender = sender(member);
    return Envelopes.groupEvent(conversation, type, conversation.chatId() + ":" + message.path("message_id").asText() + ":" + what + ":" + sender.id(),
        time(message), sender, Envelopes.mention(sender.id(), sender.name()), actor);
  }

  private static boolean isMember(String status) {
    return !status.isEmpty() && !"left".equals(status) && !"kicked".equals(status);
  }

  private static Envelope.Sender sender(JsonNode user) {
    String name = (user.path("first_name").asText("") + " " + user.path("last_name").asText("")).strip();
    return new Envelope.Sender(user.path("id").asText(), name.isEmpty() ? user.path("username").asText(null) : name);
  }

  private static OffsetDateTime time(JsonNode withDate) {
    return OffsetDateTime.ofInstant(Instant.ofEpochSecond(withDate.path("date").asLong()), ZoneOffset.UTC);
  }

  /**
   * A press of an inline keyboard button: its data as the command the user would have typed, from the user who pressed
   * (Telegram's {@code from}, not the message's author). Data that is not one of our buttons' is dropped.
   */
  static Optional<Envelope> fromButton(String botId, JsonNode query) {
    JsonNode chat = query.path("message").path("chat");
    String data = query.path("data").asText("");
    if (!chat.has("id") || !ConfirmationButtons.isButtonCommand(data)) {
      return Optional.empty();
    }
    String chatId = chat.path("id").asText();
    JsonNode from = query.path("from");
    String name = (from.path("first_name").asText("") + " " + from.path("last_name").asText("")).strip();
    Map<String, Object> meta = new HashMap<>();
    meta.put(MetaKeys.ADDRESSED, true);
    if (from.has("language_code")) {
      meta.put("locale", from.path("language_code").asText());
    }
    String id = chatId + ":button:" + query.path("id").asText();
    return Optional.of(
        new Envelope(
            Envelope.SPEC_VERSION,
            Envelope.MESSAGE_RECEIVED,
            "/telegram/" + botId,
            id,
            OffsetDateTime.now(ZoneOffset.UTC),
            new ConversationKey("telegram", botId, chatId).toString(),
            Envelope.CONTENT_TYPE,
            new Envelope.Data(
                new Envelope.Chat("private".equals(chat.path("type").asText()) ? Envelope.Chat.PRIVATE : Envelope.Chat.GROUP, chatId),
                new Envelope.Sender(from.path("id").asText(), name.isEmpty() ? from.path("username").asText(null) : name),
                List.of(Envelope.Part.text(data)),
                new Envelope.Chain(id, null, 0),
                meta)));
  }

  private static List<JsonNode> entities(JsonNode message) {
    List<JsonNode> all = new ArrayList<>();
    message.path("entities").forEach(all::add);
    message.path("caption_entities").forEach(all::add);
    return all;
  }

  /** Telegram offsets count UTF-16 code units, as Java strings do. */
  private static String substring(String text, int offset, int length) {
    return offset >= 0 && offset + length <= text.length() ? text.substring(offset, offset + length) : "";
  }

  private static String stripMention(String text, BotIdentity self) {
    if (self.username() == null) {
      return text;
    }
    String stripped = text.replaceAll("(?i)@" + java.util.regex.Pattern.quote(self.username()) + "\\b", "").strip();
    return stripped.isEmpty() ? text : stripped;
  }
}
