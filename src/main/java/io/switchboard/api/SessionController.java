package io.switchboard.api;

import io.switchboard.channel.LocalConversations;
import io.switchboard.config.SwitchboardProperties;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import io.switchboard.store.MessageRepository;
import io.switchboard.store.Session;
import io.switchboard.store.SessionRepository;
import io.switchboard.store.StoredMessage;
import io.switchboard.store.TokenUsageRepository;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The HTTP channel: sessions and their messages. A message travels over the bus; the call waits for its reply. */
@RestController
@RequestMapping("/api/v1/sessions")
class SessionController {

  /** Platforms a session can be opened for over HTTP: the API itself, and the terminal talking to a running serve. */
  private static final Set<String> PLATFORMS = Set.of("api", "cli");
  private static final String BOT = "default";

  record CreateSession(String userId, String agent, String platform) {}

  record PostMessage(String text, Boolean debug) {}

  private final SessionRepository sessions;
  private final MessageRepository messages;
  private final TokenUsageRepository usage;
  private final LocalConversations conversations;
  private final Duration replyTimeout;
  private final Semaphore inFlight;

  SessionController(
      SessionRepository sessions,
      MessageRepository messages,
      TokenUsageRepository usage,
      LocalConversations conversations,
      SwitchboardProperties properties) {
    this.sessions = sessions;
    this.messages = messages;
    this.usage = usage;
    this.conversations = conversations;
    this.replyTimeout = properties.api().replyTimeout();
    this.inFlight = new Semaphore(properties.api().maxInFlight());
  }

  @PostMapping
  ResponseEntity<Session> create(@RequestBody CreateSession request) {
    if (request.userId() == null || request.userId().isBlank()) {
      throw ApiError.badRequest("userId is required");
    }
    String platform = request.platform() == null ? "api" : request.platform();
    if (!PLATFORMS.contains(platform)) {
      throw ApiError.badRequest("platform must be one of " + PLATFORMS);
    }
    String agent = request.agent() == null || request.agent().isBlank() ? "default" : request.agent();
    Session session = sessions.create(platform, BOT, request.userId(), agent);
    return ResponseEntity.created(URI.create("/api/v1/sessions/" + session.id())).body(session);
  }

  @GetMapping
  List<Session> list(@RequestParam String userId, @RequestParam(required = false) String platform) {
    return sessions.findByUser(userId, platform);
  }

  @GetMapping("/{id}")
  Map<String, Object> get(@PathVariable String id) {
    Session session = session(id);
    TokenUsageRepository.Totals totals = usage.totals(id);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("session", session);
    body.put(
        "usage",
        Map.of(
            "promptTokens", totals.promptTokens(),
            "completionTokens", totals.completionTokens(),
            "totalTokens", totals.totalTokens(),
            "meteredReplies", totals.messages()));
    return body;
  }

  @GetMapping("/{id}/messages")
  List<StoredMessage> history(@PathVariable String id) {
    session(id);
    return messages.history(id);
  }

  @PostMapping("/{id}/messages")
  CompletableFuture<ResponseEntity<Map<String, Object>>> send(@PathVariable String id, @RequestBody PostMessage request) {
    Session session = session(id);
    if (request.text() == null || request.text().isBlank()) {
      throw ApiError.badRequest("text must not be empty");
    }
    Map<String, Object> meta = Boolean.TRUE.equals(request.debug()) ? Map.of(Envelopes.META_DEBUG, true) : Map.of();
    if (!inFlight.tryAcquire()) {
      throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, "too many messages waiting for replies; retry in a second");
    }
    CompletableFuture<Envelope> pending;
    try {
      pending = conversations.ask(
            new ConversationKey(session.platform(), session.bot(), session.chatId()),
            new Envelope.Sender(session.userId(), null),
            request.text(),
            meta,
            replyTimeout);
    } catch (RuntimeException e) {
      inFlight.release();
      throw e;
    }
    return pending
        .whenComplete((r, e) -> inFlight.release())
        .handle(
            (reply, error) -> {
              if (error != null) {
                throw error instanceof TimeoutException || error.getCause() instanceof TimeoutException
                    ? new ApiError(HttpStatus.GATEWAY_TIMEOUT, "no reply within " + replyTimeout.toSeconds() + " s; it will still appear in the history")
                    : new ApiError(HttpStatus.BAD_GATEWAY, "the reply failed: " + error.getMessage());
              }
              return ResponseEntity.ok(render(reply));
            });
  }

  private static Map<String, Object> render(Envelope reply) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", reply.id());
    body.put("inReplyTo", reply.meta(Envelopes.META_IN_REPLY_TO));
    body.put("text", reply.text());
    for (String key : List.of("model", "usage", "prompt", "error")) {
      if (reply.meta(key) != null) {
        body.put(key, reply.meta(key));
      }
    }
    return body;
  }

  private Session session(String id) {
    return sessions.find(id).orElseThrow(() -> ApiError.notFound("session " + id));
  }
}
