package io.switchboard.adapter.slack;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.kernel.MetaKeys;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Slack's converter: an Events API {@code event_callback} becomes a CloudEvent. The id is {@code <channel>:<ts>}, the
 * message's own timestamp, so a delivery retried by Slack ({@code X-Slack-Retry-Num}) and the {@code message} and
 * {@code app_mention} events of one message are one event, answered once. A direct message is its channel's
 * conversation; a channel message is its thread's ({@code <channel>:<thread ts>}), so the reply goes in the thread.
 */
public final class SlackInbound {

  private SlackInbound() {}

  public static Optional<Envelope> toEvent(String botId, String botUserId, JsonNode callback) {
    JsonNode event = callback.path("event");
    String type = event.path("type").asText();
    if (!type.equals("message") && !type.equals("app_mention")) {
      return Optional.empty();
    }
    // edits, joins, the bot's own posts and other bots: not messages to answer
    if (event.has("subtype") || event.has("bot_id") || botUserId.equals(event.path("user").asText())) {
      return Optional.empty();
    }
    String channel = event.path("channel").asText();
    String ts = event.path("ts").asText();
    boolean direct = "im".equals(event.path("channel_type").asText());
    String mention = "<@" + botUserId + ">";
    String text = event.path("text").asText("");
    boolean addressed = direct || type.equals("app_mention") || text.contains(mention);
    String thread = event.path("thread_ts").asText(ts);
    String chatId = direct ? channel : channel + ":" + thread;

    List<Envelope.Part> parts = new ArrayList<>();
    if (text.contains(mention)) {
      parts.add(new Envelope.Part("mention", mention, null, null, null, botUserId));
    }
    String cleaned = text.replace(mention, "").strip();
    if (cleaned.isEmpty()) {
      return Optional.empty();
    }
    parts.add(Envelope.Part.text(cleaned));
    String id = channel + ":" + ts;
    ConversationKey conversation = new ConversationKey("slack", botId, chatId);
    return Optional.of(
        new Envelope(
            Envelope.SPEC_VERSION,
            Envelope.MESSAGE_RECEIVED,
            "/slack/" + botId,
            id,
            time(ts),
            conversation.toString(),
            Envelope.CONTENT_TYPE,
            new Envelope.Data(
                new Envelope.Chat(direct ? Envelope.Chat.PRIVATE : Envelope.Chat.GROUP, chatId),
                new Envelope.Sender(event.path("user").asText(), null),
                parts,
                new Envelope.Chain(id, null, 0),
                Map.of(MetaKeys.ADDRESSED, addressed, "team", callback.path("team_id").asText(""), "eventId", callback.path("event_id").asText("")))));
  }

  /** Where a reply to a conversation goes: its channel, and its thread when it has one. */
  public record Destination(String channel, String threadTs) {
    public static Destination of(String chatId) {
      int colon = chatId.indexOf(':');
      return colon < 0 ? new Destination(chatId, null) : new Destination(chatId.substring(0, colon), chatId.substring(colon + 1));
    }
  }

  private static OffsetDateTime time(String ts) {
    try {
      long millis = new BigDecimal(ts).movePointRight(3).longValue();
      return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    } catch (NumberFormatException e) {
      return OffsetDateTime.now(ZoneOffset.UTC);
    }
  }
}
