package io.switchboard.producer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.api.ApiError;
import io.switchboard.bot.UserPlatforms;
import io.switchboard.bus.BusTopology;
import io.switchboard.channel.IngressPublisher;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.EnvelopeCodec;
import io.switchboard.envelope.Envelopes;
import io.switchboard.security.Caller;
import io.switchboard.subscription.DeliveryTargets;
import io.switchboard.subscription.FeedItem;
import io.switchboard.subscription.FeedItemCodec;
import io.switchboard.subscription.Notifications;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/events}: authenticated producers. With {@code Authorization: Bearer <token>} (checked by the
 * security configuration: only producer tokens reach this) the body is one of
 * <ul>
 *   <li>a CloudEvent (has {@code specversion}): validated, stamped with the producer (it never acts as an admin) and
 *       published on {@code sb.ingress}; into a user platform's conversation only with a scope naming that platform
 *       ({@code events:telegram:<bot>});
 *   <li>a notification {@code {"to":"<platform>:<bot>:<chat>","text":…,"parts":[…]}}: straight to that chat's egress,
 *       without the model;
 *   <li>a topic message {@code {"topic":"<name>","text":…}}: on {@code sb.feeds}, fanned out to the topic's subscribers.
 * </ul>
 * 202 with the event id; 400 naming the invalid field; 401 without a valid token; 403 outside its scopes; 413 over
 * {@code switchboard.producers.max-body-bytes}. An {@code Idempotency-Key} (or the CloudEvent's id) makes a re-post
 * the same event, which the bus delivers once.
 */
@RestController
@RequestMapping("/api/v1/events")
public class EventsController {

  private final ObjectMapper json = new ObjectMapper();
  private final JsonSchema envelopeSchema;
  private final IngressPublisher publisher;
  private final Notifications notifications;
  private final FeedItemCodec feedItems;
  private final EnvelopeCodec envelopes;
  private final DeliveryTargets targets;
  private final UserPlatforms userPlatforms;
  private final MeterRegistry meters;
  private final int maxBodyBytes;

  public EventsController(IngressPublisher publisher, Notifications notifications, FeedItemCodec feedItems,
      EnvelopeCodec envelopes, DeliveryTargets targets, UserPlatforms userPlatforms, MeterRegistry meters,
      @Value("${switchboard.producers.max-body-bytes}") int maxBodyBytes) throws IOException {
    this.publisher = publisher;
    this.notifications = notifications;
    this.feedItems = feedItems;
    this.envelopes = envelopes;
    this.targets = targets;
    this.userPlatforms = userPlatforms;
    this.meters = meters;
    this.maxBodyBytes = maxBodyBytes;
    try (InputStream schema = getClass().getResourceAsStream("/schema/envelope.schema.json")) {
      this.envelopeSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
    }
  }

  @PostMapping(consumes = "*/*")
  public ResponseEntity<Map<String, Object>> publish(
      @AuthenticationPrincipal Caller token,
      @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
      @RequestBody(required = false) byte[] body) {
    if (body != null && body.length > maxBodyBytes) {
      throw new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, "the body is over " + maxBodyBytes + " bytes");
    }
    JsonNode request;
    try {
      request = body == null || body.length == 0 ? null : json.readTree(body);
    } catch (IOException e) {
      throw ApiError.badRequest("the body is not valid JSON");
    }
    if (request == null || !request.isObject()) {
      throw ApiError.badRequest("the body must be a JSON object: a CloudEvent, a notification (to) or a topic message (topic)");
    }
    if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
      throw ApiError.badRequest("Idempotency-Key must be 1-200 characters");
    }
    String id;
    String kind;
    if (request.has("specversion")) {
      kind = "event";
      id = cloudEvent(token, request);
    } else if (request.has("to")) {
      kind = "notification";
      id = notification(token, request, idempotencyKey);
    } else if (request.has("topic")) {
      kind = "topic";
      id = topic(token, request, idempotencyKey);
    } else {
      throw ApiError.badRequest("the body must be a CloudEvent (specversion), a notification (to) or a topic message (topic)");
    }
    meters.counter("switchboard.producers.accepted", "token", token.name(), "kind", kind).increment();
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", id, "kind", kind));
  }

  private String cloudEvent(Caller token, JsonNode request) {
    requireScope(token, TokenScopes.EVENTS, null, "publishing events");
    Set<ValidationMessage> problems = envelopeSchema.validate(request);
    if (!problems.isEmpty()) {
      throw ApiError.badRequest("invalid CloudEvent: " + problems.iterator().next().getMessage());
    }
    Envelope given = envelopes.decode(request.toString());
    ConversationKey conversation;
    try {
      conversation = given.conversation();
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("invalid CloudEvent: " + e.getMessage());
    }
    if (userPlatforms.contains(conversation.platform()) && !TokenScopes.mayActIn(token.scopes(), conversation.platform(), conversation.bot())) {
      throw new ApiError(HttpStatus.FORBIDDEN, "token '" + token.name() + "' may not post into " + conversation.platform()
          + " conversations as their users; that needs the scope events:" + conversation.platform() + ":" + conversation.bot());
    }
    Envelope event = Envelopes.stampedByProducer(given, token.name());
    publisher.publishTo(BusTopology.INGRESS, envelopes.encode(event), Envelopes.ingressRoutingKey(event));
    return event.id();
  }

  private String notification(Caller token, JsonNode request, String idempotencyKey) {
    String to = request.path("to").asText("");
    ConversationKey target;
    try {
      target = ConversationKey.parse(to);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("to must be <platform>:<bot>:<chatId>");
    }
    requireScope(token, TokenScopes.NOTIFY, to, "notifying " + to);
    String refusal = targets.refusal(target);
    if (refusal != null) {
      throw ApiError.badRequest("to: " + refusal);
    }
    List<Envelope.Part> parts = parts(request);
    String chatType = request.path("chatType").asText(Envelope.Chat.PRIVATE);
    if (!chatType.equals(Envelope.Chat.PRIVATE) && !chatType.equals(Envelope.Chat.GROUP)) {
      throw ApiError.badRequest("chatType must be private or group");
    }
    String identity = "producer:" + token.name() + "|" + (idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString());
    return notifications.deliver(target, chatType, "/api/" + token.name(), identity, parts).id();
  }

  private String topic(Caller token, JsonNode request, String idempotencyKey) {
    String topic = request.path("topic").asText("");
    if (!topic.matches("[A-Za-z0-9_.-]{1,100}")) {
      throw ApiError.badRequest("topic must be 1-100 letters, digits, '.', '_' or '-'");
    }
    requireScope(token, TokenScopes.TOPIC, topic, "publishing to topic " + topic);
    String text = request.path("text").isTextual() ? request.path("text").asText() : null;
    String title = request.path("title").isTextual() ? request.path("title").asText() : null;
    if ((text == null || text.isBlank()) && (title == null || title.isBlank())) {
      throw ApiError.badRequest("text (or title) is required");
    }
    String id = idempotencyKey != null
        ? UUID.nameUUIDFromBytes(("producer:" + token.name() + "|" + idempotencyKey).getBytes(StandardCharsets.UTF_8)).toString()
        : UUID.randomUUID().toString();
    FeedItem item = FeedItem.of("/api/" + token.name(), id, "topic:" + topic,
        new FeedItem.Data(title, request.path("link").isTextual() ? request.path("link").asText() : null, null, text));
    publisher.publishTo(BusTopology.FEEDS, feedItems.encode(item), "api." + token.name());
    return id;
  }

  private List<Envelope.Part> parts(JsonNode request) {
    List<Envelope.Part> parts = new ArrayList<>();
    if (request.path("text").isTextual() && !request.path("text").asText().isBlank()) {
      parts.add(Envelope.Part.text(request.path("text").asText()));
    }
    JsonNode extra = request.path("parts");
    if (!extra.isMissingNode() && !extra.isArray()) {
      throw ApiError.badRequest("parts must be an array");
    }
    for (JsonNode part : extra) {
      String type = part.path("type").asText("");
      if (!List.of("text", "image", "file").contains(type)) {
        throw ApiError.badRequest("parts[].type must be text, image or file");
      }
      if (!type.equals("text") && !part.path("url").isTextual()) {
        throw ApiError.badRequest("parts[].url is required for " + type);
      }
      parts.add(new Envelope.Part(type, part.path("text").asText(null), part.path("url").asText(null), part.path("mimeType").asText(null),
          part.path("name").asText(null), null));
    }
    if (parts.isEmpty()) {
      throw ApiError.badRequest("text or parts is required");
    }
    return parts;
  }

  private static void requireScope(Caller token, String action, String resource, String what) {
    if (!TokenScopes.allows(token.scopes(), action, resource)) {
      throw new ApiError(HttpStatus.FORBIDDEN, "token '" + token.name() + "' may not do this (" + what + "); its scopes: " + String.join(",", token.scopes()));
    }
  }
}
