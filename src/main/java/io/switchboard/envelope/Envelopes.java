package io.switchboard.envelope;

import io.switchboard.envelope.Envelope.Chain;
import io.switchboard.envelope.Envelope.Chat;
import io.switchboard.envelope.Envelope.Data;
import io.switchboard.envelope.Envelope.Part;
import io.switchboard.envelope.Envelope.Sender;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds the events the built-in channels publish and the replies the pipeline sends. */
public final class Envelopes {

  /** Meta key: the instance whose local channel waits for the reply (API, web chat, terminal). */
  public static final String META_REPLY_TO = "replyTo";
  /** Meta key on a reply: the id of the event it answers. */
  public static final String META_IN_REPLY_TO = "inReplyTo";
  /** Meta key: ask the runner to attach the prompt it sent to the model to the reply. */
  public static final String META_DEBUG = "debug";
  /**
   * Meta key: the producer an event came from (a producer token's name, or {@code amqp:<broker user>}). Set by
   * Switchboard, never taken from the event: a producer's event never acts as an admin.
   */
  public static final String META_PRODUCER = "producer";
  /**
   * Meta key: on a user's event, {@code true} asks for the answer as it is written (the web chat, an API request for
   * server-sent events); on a partial reply and on the reply that ends it, the stream's id (the answered event's).
   */
  public static final String META_STREAM = "stream";
  /** Meta key of a push to a web chat or API session: its history row's id, the cursor its event stream resumes from. */
  public static final String META_PUSH = "push";
  /** Meta key of a partial reply: rises with each one of its stream, so a sink can drop one that comes late. */
  public static final String META_SEQUENCE = "sequence";
  /** Meta key of a group event: who added or removed the member or the bot, when not the member themself. */
  public static final String META_ACTOR = "actor";

  private Envelopes() {}

  public static Envelope received(
      ConversationKey conversation, String chatType, Sender sender, String text, Map<String, Object> meta) {
    String id = UUID.randomUUID().toString();
    return new Envelope(
        Envelope.SPEC_VERSION,
        Envelope.MESSAGE_RECEIVED,
        "/" + conversation.platform() + "/" + conversation.bot(),
        id,
        now(),
        conversation.toString(),
        Envelope.CONTENT_TYPE,
        new Data(
            new Chat(chatType, conversation.chatId()),
            sender,
            List.of(Part.text(text)),
            new Chain(id, null, 0),
            meta == null ? Map.of() : meta));
  }

  /**
   * A group event ({@link Envelope#GROUP_EVENTS}): in a member's events the sender is that member, in the bot's the
   * one who added or removed it (when the platform says); the part mentions whom the event is about, and
   * {@value #META_ACTOR} names who acted, when that is someone else.
   */
  public static Envelope groupEvent(ConversationKey conversation, String type, String id, OffsetDateTime time, Sender sender, Part about,
      String actor) {
    Map<String, Object> meta = new HashMap<>();
    if (actor != null && !actor.isBlank() && (sender == null || !actor.equals(sender.id()))) {
      meta.put(META_ACTOR, actor);
    }
    return new Envelope(Envelope.SPEC_VERSION, type, "/" + conversation.platform() + "/" + conversation.bot(), id, time,
        conversation.toString(), Envelope.CONTENT_TYPE,
        new Data(new Chat(Chat.GROUP, conversation.chatId()), sender, List.of(about), new Chain(id, null, 0), meta));
  }

  /** A mention part: the member (or the bot) a group event is about. */
  public static Part mention(String id, String name) {
    return new Part("mention", "@" + (name == null || name.isBlank() ? id : name), null, null, name, id);
  }

  /** The answer to {@code request} so far: a {@link Envelope#MESSAGE_PARTIAL} in the stream named after it. */
  public static Envelope partial(Envelope request, String textSoFar, long sequence) {
    Envelope reply = reply(request, List.of(Part.text(textSoFar)), Map.of(META_STREAM, request.id(), META_SEQUENCE, sequence));
    return new Envelope(reply.specversion(), Envelope.MESSAGE_PARTIAL, reply.source(), reply.id(), reply.time(), reply.subject(),
        reply.datacontenttype(), reply.data());
  }

  /** The event asking for its answer as it is written (an adapter whose platform shows it so, in that chat). */
  public static Envelope withStream(Envelope event) {
    return withMeta(event, META_STREAM, true);
  }

  /** The event with one more meta entry. */
  public static Envelope withMeta(Envelope event, String key, Object value) {
    Map<String, Object> meta = new HashMap<>(event.data().meta() == null ? Map.of() : event.data().meta());
    meta.put(key, value);
    Envelope.Data data = event.data();
    return new Envelope(event.specversion(), event.type(), event.source(), event.id(), event.time(), event.subject(), event.datacontenttype(),
        new Envelope.Data(data.chat(), data.sender(), data.parts(), data.chain(), meta));
  }

  /** Whether the event asks for its answer as it is written ({@value #META_STREAM}). */
  public static boolean wantsStream(Envelope event) {
    return Boolean.TRUE.equals(event.meta(META_STREAM));
  }

  public static Envelope reply(Envelope request, List<Part> parts, Map<String, Object> extraMeta) {
    String id = UUID.randomUUID().toString();
    Map<String, Object> meta = new HashMap<>();
    Object replyTo = request.meta(META_REPLY_TO);
    if (replyTo != null) {
      meta.put(META_REPLY_TO, replyTo);
    }
    meta.put(META_IN_REPLY_TO, request.id());
    meta.putAll(extraMeta);
    Chain chain = request.data() == null ? null : request.data().chain();
    String root = chain == null || chain.root() == null ? request.id() : chain.root();
    int depth = chain == null ? 1 : chain.depth() + 1;
    Data requestData = request.data();
    return new Envelope(
        Envelope.SPEC_VERSION,
        Envelope.MESSAGE_REPLY,
        "/switchboard/pipeline",
        id,
        now(),
        request.subject(),
        Envelope.CONTENT_TYPE,
        new Data(
            requestData == null ? null : requestData.chat(),
            new Sender("switchboard", "Switchboard"),
            parts,
            new Chain(root, request.id(), depth),
            meta));
  }

  /**
   * The event with {@code meta.locale} set to the bot's language when the platform did not say (WeCom, Feishu and
   * DingTalk send none): Switchboard's own texts (help, notices) are then in that language.
   */
  public static Envelope withDefaultLocale(Envelope event, String locale) {
    if (locale == null || locale.isBlank() || event.meta("locale") != null || event.data() == null) {
      return event;
    }
    return withMeta(event, "locale", locale);
  }

  /**
   * The event as a producer's: {@code meta.producer} names it and the source becomes {@code /producers/<producer>},
   * so the event's dedupe key ({@code source|id}) can never collide with, and suppress, a platform's own message.
   */
  public static Envelope stampedByProducer(Envelope event, String producer) {
    Envelope.Data data = event.data();
    Map<String, Object> meta = new HashMap<>(data == null || data.meta() == null ? Map.of() : data.meta());
    meta.put(META_PRODUCER, producer);
    return new Envelope(event.specversion(), event.type(), "/producers/" + producer, event.id(), event.time(), event.subject(),
        event.datacontenttype(), new Envelope.Data(data == null ? null : data.chat(), data == null ? null : data.sender(),
            data == null ? null : data.parts(), data == null ? null : data.chain(), meta));
  }

  /** The egress routing key: {@code <platform>.<bot>}, plus the instance for replies to a local channel. */
  /** A reply's images and files with a link, as the API and the web chat show them: type, name, mimeType, url. */
  public static List<Map<String, Object>> attachments(Envelope reply) {
    return reply.data().parts().stream()
        .filter(part -> ("image".equals(part.type()) || "file".equals(part.type())) && part.url() != null)
        .map(part -> {
          Map<String, Object> file = new java.util.LinkedHashMap<>();
          file.put("type", part.type());
          file.put("name", part.name());
          file.put("mimeType", part.mimeType());
          file.put("url", part.url());
          return file;
        })
        .toList();
  }

  public static String egressRoutingKey(Envelope reply) {
    ConversationKey conversation = reply.conversation();
    Object replyTo = reply.meta(META_REPLY_TO);
    String key = conversation.platform() + "." + conversation.bot();
    return replyTo == null ? key : key + "." + replyTo;
  }

  /** The ingress routing key: {@code <type>.<platform>.<bot>}. */
  public static String ingressRoutingKey(Envelope event) {
    ConversationKey conversation = event.conversation();
    return event.type() + "." + conversation.platform() + "." + conversation.bot();
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
