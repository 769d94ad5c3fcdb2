package io.switchboard.subscription;

import io.switchboard.api.ApiError;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/subscriptions}: list a chat's subscriptions, subscribe a chat ({@code {"source":"rss:<url>"|"topic:<name>",
 * "target":"<platform>:<bot>:<chatId>"}}), end one. The same rules as the chat commands.
 */
@RestController
@RequestMapping("/api/v1/subscriptions")
public class SubscriptionController {

  record CreateSubscription(String source, String target, String chatType, String every, Boolean summarize) {}

  private final Subscriptions subscriptions;
  private final SubscriptionService service;

  public SubscriptionController(Subscriptions subscriptions, SubscriptionService service) {
    this.subscriptions = subscriptions;
    this.service = service;
  }

  @GetMapping
  public List<Map<String, Object>> list(@RequestParam(required = false) String target) {
    return subscriptions.byTarget(target(target).toString()).stream().map(this::view).toList();
  }

  @PostMapping
  public ResponseEntity<Map<String, Object>> create(@RequestBody CreateSubscription request) throws InterruptedException {
    if (request.source() == null || !request.source().matches("(rss|topic):.+")) {
      throw ApiError.badRequest("source must be rss:<url> or topic:<name>");
    }
    if (request.source().length() > 2048) {
      throw ApiError.badRequest("source is longer than 2048 characters");
    }
    ConversationKey target = target(request.target());
    String chatType = request.chatType() == null ? Envelope.Chat.PRIVATE : request.chatType();
    if (!chatType.equals(Envelope.Chat.PRIVATE) && !chatType.equals(Envelope.Chat.GROUP)) {
      throw ApiError.badRequest("chatType must be private or group");
    }
    Duration every;
    try {
      every = request.every() == null ? null : Durations.parse(request.every());
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("every: " + e.getMessage());
    }
    String value = request.source().substring(request.source().indexOf(':') + 1);
    try {
      Subscriptions.Subscription subscription = request.source().startsWith("rss:")
          ? service.subscribeRss(target, chatType, value, every, Boolean.TRUE.equals(request.summarize()), "api").subscription()
          : service.subscribeTopic(target, chatType, value, "api");
      return ResponseEntity.status(HttpStatus.CREATED).body(view(subscription));
    } catch (SubscriptionService.RefusedException e) {
      throw ApiError.badRequest(e.getMessage());
    }
  }

  @DeleteMapping("/{id}")
  public ResponseEntity<Void> delete(@PathVariable long id) {
    Subscriptions.Subscription subscription = subscriptions.byId(id).orElseThrow(() -> ApiError.notFound("subscription " + id));
    service.remove(subscription);
    return ResponseEntity.noContent().build();
  }

  private Map<String, Object> view(Subscriptions.Subscription subscription) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", subscription.id());
    view.put("kind", subscription.kind());
    view.put("source", subscription.sourceKey());
    view.put("target", subscription.target());
    view.put("chatType", subscription.chatType());
    view.put("summarize", subscription.summarize());
    view.put("description", service.describe(subscription));
    return view;
  }

  private static ConversationKey target(String target) {
    if (target == null || target.isBlank()) {
      throw ApiError.badRequest("target is required: <platform>:<bot>:<chatId>");
    }
    if (target.length() > 512) {
      throw ApiError.badRequest("target is longer than 512 characters");
    }
    try {
      return ConversationKey.parse(target);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("target must be <platform>:<bot>:<chatId>");
    }
  }
}
