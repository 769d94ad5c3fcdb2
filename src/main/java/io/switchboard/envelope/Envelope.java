package io.switchboard.envelope;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A CloudEvents 1.0 event in structured JSON mode, carrying the Switchboard {@link Data} schema. It is the one shape
 * every platform, producer and reply takes on the bus; see {@code docs/envelope.md}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Envelope(
    String specversion,
    String type,
    String source,
    String id,
    OffsetDateTime time,
    String subject,
    String datacontenttype,
    Data data) {

  public static final String SPEC_VERSION = "1.0";
  public static final String CONTENT_TYPE = "application/json";
  public static final String MESSAGE_RECEIVED = "message.received";
  public static final String MESSAGE_REPLY = "message.reply";
  /** The answer so far while a model writes it: the text up to now, superseded by the next one and by the reply. */
  public static final String MESSAGE_PARTIAL = "message.partial";
  /** A message for a chat without the model: a feed item, a topic message, a producer's notification. */
  public static final String MESSAGE_NOTIFICATION = "message.notification";
  /** A tool call an agent's chain asked for, on its way to a tool route (never from outside Switchboard). */
  public static final String TOOL_CALL_REQUESTED = "tool.call.requested";
  /** A tool call's result is stored: the chain continues in its conversation (never from outside Switchboard). */
  public static final String TOOL_CALL_COMPLETED = "tool.call.completed";
  /** An agent's question to another agent ({@code ask_agent}), answered in its conversation (never from outside Switchboard). */
  public static final String AGENT_QUESTION = "agent.question";
  /** Group events, from the adapters: a member joined or left a group the bot is in, the bot was added or removed. */
  public static final String GROUP_MEMBER_JOINED = "group.member_joined";
  public static final String GROUP_MEMBER_LEFT = "group.member_left";
  public static final String GROUP_BOT_ADDED = "group.bot_added";
  public static final String GROUP_BOT_REMOVED = "group.bot_removed";
  public static final List<String> GROUP_EVENTS = List.of(GROUP_MEMBER_JOINED, GROUP_MEMBER_LEFT, GROUP_BOT_ADDED, GROUP_BOT_REMOVED);

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Data(Chat chat, Sender sender, List<Part> parts, Chain chain, Map<String, Object> meta) {}

  public record Chat(String type, String id) {
    public static final String PRIVATE = "private";
    public static final String GROUP = "group";
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Sender(String id, String name) {}

  /** One piece of a message: {@code text}, {@code image}, {@code file}, {@code mention} or {@code quote}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Part(String type, String text, String url, String mimeType, String name, String id) {
    public static Part text(String text) {
      return new Part("text", text, null, null, null, null);
    }
  }

  /** Where the event sits in a chain of events that caused one another; depth 0 is a root. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Chain(String root, String parent, int depth) {}

  @JsonIgnore
  public ConversationKey conversation() {
    return ConversationKey.parse(subject);
  }

  /** The text parts joined by newlines: what a runner reads. */
  @JsonIgnore
  public String text() {
    if (data == null || data.parts() == null) {
      return "";
    }
    return data.parts().stream()
        .filter(p -> "text".equals(p.type()) && p.text() != null)
        .map(Part::text)
        .collect(Collectors.joining("\n"));
  }

  /** CloudEvents ids are unique per source, so the dedupe key is both. */
  @JsonIgnore
  public String dedupeKey() {
    return source + "|" + id;
  }

  @JsonIgnore
  public Object meta(String key) {
    return data == null || data.meta() == null ? null : data.meta().get(key);
  }
}
