package io.switchboard.adapter.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.egress.ConfirmationButtons;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
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
