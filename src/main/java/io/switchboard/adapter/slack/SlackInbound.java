package io.switchboard.adapter.slack;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.egress.ConfirmationButtons;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
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
    if (type.equals("member_joined_channel") || type.equals("member_left_channel")) {
      return Optional.of(membership(botId, botUserId, callback));
    }
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
    return Optional.of(received(botId, id, time(ts), chatId, direct, event.path("user").asText(), parts,
        Map.of(MetaKeys.ADDRESSED, addressed, "team", callback.path("team_id").asText(""), "eventId", callback.path("event_id").asText(""))));
  }

  /**
   * {@code member_joined_channel} / {@code member_left_channel}: a member's group event in the channel (not a
   * thread), or the bot's own when the member is the bot (the one who invited it is the sender, when Slack says).
   * The id is the channel and Slack's {@code event_id}, which its retries keep.
   */
  private static Envelope membership(String botId, String botUserId, JsonNode callback) {
    JsonNode event = callback.path("event");
    boolean joined = event.path("type").asText().equals("member_joined_channel");
    String user = event.path("user").asText();
    String channel = event.path("channel").asText();
    String inviter = event.path("inviter").asText(null);
    ConversationKey conversation = new ConversationKey("slack", botId, channel);
    String id = channel + ":" + callback.path("event_id").asText(event.path("event_ts").asText());
    OffsetDateTime time = callback.has("event_time")
        ? OffsetDateTime.ofInstant(Instant.ofEpochSecond(callback.path("event_time").asLong()), ZoneOffset.UTC) : time(event.path("event_ts").asText(""));
    if (user.equals(botUserId)) {
      String by = inviter != null ? inviter : botUserId;
      return Envelopes.groupEvent(conversation, joined ? Envelope.GROUP_BOT_ADDED : Envelope.GROUP_BOT_REMOVED, id, time,
          new Envelope.Sender(by, null), Envelopes.mention(botUserId, null), null);
    }
    return Envelopes.groupEvent(conversation, joined ? Envelope.GROUP_MEMBER_JOINED : Envelope.GROUP_MEMBER_LEFT, id, time,
        new Envelope.Sender(user, null), Envelopes.mention(user, null), inviter);
  }

  /**
   * A press of one of our confirmation buttons (a {@code block_actions} payload, over HTTP or Socket Mode): the
   * button's command from the user Slack says pressed it, in the conversation of the message it is under (its thread
   * in a channel, the channel itself in a direct message). Any other action or value is not taken.
   */
  public static Optional<Envelope> fromButton(String botId, JsonNode payload) {
    JsonNode action = payload.path("actions").path(0);
    String command = action.path("value").asText("");
    String channel = payload.path("channel").path("id").asText(payload.path("container").path("channel_id").asText(""));
    if (!"block_actions".equals(payload.path("type").asText()) || !ConfirmationButtons.isButtonCommand(command) || channel.isEmpty()) {
      return Optional.empty();
    }
    boolean direct = channel.startsWith("D"); // direct message channel ids start with D
    String thread = payload.path("message").path("thread_ts").asText(payload.path("container").path("thread_ts").asText(""));
    String chatId = direct || thread.isEmpty() ? channel : channel + ":" + thread;
    String id = channel + ":action:" + action.path("action_ts").asText(payload.path("trigger_id").asText());
    return Optional.of(received(botId, id, time(action.path("action_ts").asText("")), chatId, direct, payload.path("user").path("id").asText(),
        List.of(Envelope.Part.text(command)), Map.of(MetaKeys.ADDRESSED, true, "team", payload.path("team").path("id").asText(""))));
  }

  /** A message received in a Slack conversation: a channel, or a channel's thread. */
  private static Envelope received(String botId, String id, OffsetDateTime time, String chatId, boolean direct, String user,
      List<Envelope.Part> parts, Map<String, Object> meta) {
    return new Envelope(
        Envelope.SPEC_VERSION,
        Envelope.MESSAGE_RECEIVED,
        "/slack/" + botId,
        id,
        time,
        new ConversationKey("slack", botId, chatId).toString(),
        Envelope.CONTENT_TYPE,
        new Envelope.Data(
            new Envelope.Chat(direct ? Envelope.Chat.PRIVATE : Envelope.Chat.GROUP, chatId),
            new Envelope.Sender(user, null),
            parts,
            new Envelope.Chain(id, null, 0),
            meta));
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
