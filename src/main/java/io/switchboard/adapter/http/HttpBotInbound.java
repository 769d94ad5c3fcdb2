package io.switchboard.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.bot.Bots;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.EnvelopeCodec;
import io.switchboard.envelope.Envelopes;
import io.switchboard.webhook.WebhookRejectedException;
import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;
import org.springframework.stereotype.Component;

/**
 * The HTTP bot's converter: a signed request becomes a CloudEvent whose id is the client's {@code Idempotency-Key}, so
 * a retried request is processed once. Verification comes before anything else.
 */
@Component("httpBotInbound")
public class HttpBotInbound {

  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
  /** Header set by the route template: which bot the request is for. */
  public static final String BOT_HEADER = "SwitchboardBot";

  private final ObjectMapper json = new ObjectMapper();
  private final Bots bots;
  private final EnvelopeCodec codec;
  private final Clock clock = Clock.systemUTC();

  public HttpBotInbound(Bots bots, EnvelopeCodec codec) {
    this.bots = bots;
    this.codec = codec;
  }

  static final int MAX_ID_CHARS = 256;

  /** Exchange property: the id of the event made from the request. */
  public static final String EVENT_ID_PROPERTY = "SwitchboardEventId";

  /** Verifies the request and replaces the body with the event to publish. */
  public void accept(Exchange exchange) {
    var message = exchange.getMessage();
    Bots.ConfiguredBot bot = bots.get(message.getHeader(BOT_HEADER, String.class));
    String body = message.getBody(String.class);
    HttpSignature.verify(
        bot.get("secret"),
        message.getHeader(HttpSignature.TIMESTAMP_HEADER, String.class),
        body == null ? "" : body,
        message.getHeader(HttpSignature.SIGNATURE_HEADER, String.class),
        clock.instant());
    String key = message.getHeader(IDEMPOTENCY_HEADER, String.class);
    if (key == null || key.isBlank() || key.length() > 200) {
      throw WebhookRejectedException.badRequest(IDEMPOTENCY_HEADER + " is required (1-200 characters), so retries are answered once");
    }
    Envelope event = toEvent(bot.id(), key.strip(), body);
    message.setBody(codec.encode(event));
    message.setHeader(SpringRabbitMQConstants.ROUTING_OVERRIDE_KEY, Envelopes.ingressRoutingKey(event));
    exchange.setProperty(EVENT_ID_PROPERTY, event.id());
  }

  Envelope toEvent(String botId, String id, String body) {
    JsonNode request;
    try {
      request = json.readTree(body);
    } catch (IOException e) {
      throw WebhookRejectedException.badRequest("the body is not JSON");
    }
    String chat = text(request, "chat");
    String text = text(request, "text");
    String userId = text(request.path("user"), "id");
    String chatType = request.path("chatType").asText(Envelope.Chat.PRIVATE);
    if (!chatType.equals(Envelope.Chat.PRIVATE) && !chatType.equals(Envelope.Chat.GROUP)) {
      throw WebhookRejectedException.badRequest("chatType must be private or group");
    }
    ConversationKey conversation = new ConversationKey("http", botId, chat);
    return new Envelope(
        Envelope.SPEC_VERSION,
        Envelope.MESSAGE_RECEIVED,
        "/http/" + botId,
        id,
        OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)),
        conversation.toString(),
        Envelope.CONTENT_TYPE,
        new Envelope.Data(
            new Envelope.Chat(chatType, chat),
            new Envelope.Sender(userId, request.path("user").path("name").asText(null)),
            List.of(Envelope.Part.text(text)),
            new Envelope.Chain(id, null, 0),
            Map.of()));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (!value.isTextual() || value.asText().isBlank()) {
      throw WebhookRejectedException.badRequest("'" + field + "' is required and must be a non-empty string");
    }
    // ids end up in the conversation key and the store: kept to what those hold (the text is limited by the pipeline)
    if (!field.equals("text") && value.asText().length() > MAX_ID_CHARS) {
      throw WebhookRejectedException.badRequest("'" + field + "' is longer than " + MAX_ID_CHARS + " characters");
    }
    return value.asText();
  }
}
