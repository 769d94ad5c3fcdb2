package io.switchboard.api;

import io.switchboard.channel.LocalConversations;
import io.switchboard.agent.Agent;
import io.switchboard.agent.AgentRegistry;
import io.switchboard.agent.ConversationAgents;
import io.switchboard.config.SwitchboardProperties;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import io.switchboard.kernel.MetaKeys;
import io.switchboard.kernel.Session;
import io.switchboard.kernel.StoredMessage;
import io.switchboard.security.Caller;
import io.switchboard.store.MessageRepository;
import io.switchboard.store.SessionRepository;
import io.switchboard.store.TokenUsageRepository;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The HTTP channel: sessions and their messages. A message travels over the bus; the call waits for its reply.
 * Every session belongs to the API user who created it: a caller lists, reads and posts only into their own, and the
 * sessions of other platforms (the IM platforms, the web chat, the terminal) are not reachable here. A session that is
 * not the caller's is answered as missing (404), so that its existence is not disclosed either.
 */
@RestController
@RequestMapping("/api/v1/sessions")
class SessionController {

  static final String PLATFORM = "api";
  private static final String BOT = "default";
  private static final Pattern AGENT = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Logger log = LoggerFactory.getLogger(SessionController.class);

  record CreateSession(String userId, String agent, String platform) {}

  record PostMessage(String text, Boolean debug) {}

  private final SessionRepository sessions;
  private final MessageRepository messages;
  private final TokenUsageRepository usage;
  private final LocalConversations conversations;
  private final Duration replyTimeout;
  private final Semaphore inFlight;
  private final int maxTextChars;
  private final AgentRegistry agents;
  private final ConversationAgents agentChoices;
  private final SessionEvents events;

  SessionController(
      SessionRepository sessions,
      MessageRepository messages,
      TokenUsageRepository usage,
      LocalConversations conversations,
      SwitchboardProperties properties,
      @Value("${switchboard.pipeline.max-text-chars:16000}") int maxTextChars,
      AgentRegistry agents,
      ConversationAgents agentChoices,
      SessionEvents events) {
    this.events = events;
    this.agents = agents;
    this.agentChoices = agentChoices;
    this.sessions = sessions;
    this.messages = messages;
    this.usage = usage;
    this.conversations = conversations;
    this.replyTimeout = properties.api().replyTimeout();
    this.inFlight = new Semaphore(properties.api().maxInFlight());
    this.maxTextChars = maxTextChars;
  }

  @PostMapping
  ResponseEntity<Session> create(@AuthenticationPrincipal Caller caller, @RequestBody(required = false) CreateSession request) {
    CreateSession body = request == null ? new CreateSession(null, null, null) : request;
    requireSelf(caller, body.userId());
    if (body.platform() != null && !PLATFORM.equals(body.platform())) {
      throw ApiError.badRequest("platform must be api (or left out): the terminal's and other platforms' sessions are not reachable over HTTP");
    }
    String agent = usableAgent(caller, body.agent() == null || body.agent().isBlank() ? "default" : body.agent());
    Session session = sessions.create(PLATFORM, BOT, caller.name(), agent);
    return ResponseEntity.created(URI.create("/api/v1/sessions/" + session.id())).body(session);
  }

  @GetMapping
  List<Session> list(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String userId,
      @RequestParam(required = false) String platform) {
    requireSelf(caller, userId);
    if (platform != null && !PLATFORM.equals(platform)) {
      throw ApiError.badRequest("platform must be api (or left out): only API sessions are listed here");
    }
    return sessions.findByUser(caller.name(), PLATFORM);
  }

  record ChangeSession(String agent) {}

  /** Switches the session to another agent, as {@code /agent use} does: the parameters set for the old one go. */
  @PatchMapping("/{id}")
  Session change(@AuthenticationPrincipal Caller caller, @PathVariable String id, @RequestBody(required = false) ChangeSession request) {
    Session session = ownSession(caller, id);
    if (request == null || request.agent() == null || request.agent().isBlank()) {
      throw ApiError.badRequest("agent is required: the agent this session talks to from now on");
    }
    agentChoices.use(session.id(), usableAgent(caller, request.agent()));
    return sessions.find(id).orElseThrow();
  }

  /** The agent, when its name is well-formed and the caller may use it; a 400 with the ones they may otherwise. */
  private String usableAgent(Caller caller, String agent) {
    if (!AGENT.matcher(agent).matches()) {
      throw ApiError.badRequest("agent must be 1-64 letters, digits, '.', '_' or '-'");
    }
    if (agents.find(agent).filter(a -> a.usableBy(PLATFORM + ":" + caller.name())).isEmpty()) {
      throw ApiError.badRequest("there is no agent '" + agent + "' that you may use; these you may: "
          + String.join(", ", agents.usableBy(PLATFORM + ":" + caller.name()).stream().map(Agent::name).toList()));
    }
    return agent;
  }

  @GetMapping("/{id}")
  Map<String, Object> get(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    Session session = ownSession(caller, id);
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

  /**
   * The session's pushes as server-sent events ({@link SessionEvents}): what came since the client's
   * {@code Last-Event-ID} (or, without one, since the last push a stream of this session sent), then each as it comes.
   */
  @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter events(@AuthenticationPrincipal Caller caller, @PathVariable String id,
      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
    Session session = ownSession(caller, id);
    Long after = null;
    if (lastEventId != null && !lastEventId.isBlank()) {
      try {
        after = Long.parseLong(lastEventId.strip());
      } catch (NumberFormatException e) {
        throw ApiError.badRequest("Last-Event-ID must be the id of an event this stream sent (a number)");
      }
    }
    return events.open(session, after);
  }

  @GetMapping("/{id}/messages")
  List<StoredMessage> history(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    ownSession(caller, id);
    return messages.history(id);
  }

  /**
   * The same call with {@code Accept: text/event-stream}: the answer as it is written ({@link AnswerStream}), then the
   * reply. Errors before anything was sent are the plain call's (4xx, 503); later ones an {@code error} event.
   */
  @PostMapping(path = "/{id}/messages", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter stream(@AuthenticationPrincipal Caller caller, @PathVariable String id, @RequestBody PostMessage request) {
    Session session = ownSession(caller, id);
    Map<String, Object> meta = accepted(request);
    AnswerStream answer = new AnswerStream(replyTimeout.toMillis() + 5_000);
    CompletableFuture<Envelope> pending;
    try {
      pending = conversations.askStreaming(new ConversationKey(session.platform(), session.bot(), session.chatId()),
          new Envelope.Sender(caller.name(), caller.name()), request.text(), meta, replyTimeout, answer::partial);
    } catch (RuntimeException e) {
      inFlight.release();
      throw e;
    }
    pending.whenComplete((reply, error) -> {
      inFlight.release();
      if (error == null) {
        answer.reply(render(reply));
      } else if (error instanceof TimeoutException || error.getCause() instanceof TimeoutException) {
        answer.error(HttpStatus.GATEWAY_TIMEOUT.value(), "no reply within " + replyTimeout.toSeconds() + " s; it will still appear in the history");
      } else {
        log.warn("Session {}: the reply failed: {}", id, error.toString());
        answer.error(HttpStatus.BAD_GATEWAY.value(), "the reply failed; try again");
      }
    });
    return answer.emitter();
  }

  /** A message the API takes: checked, and one of the calls allowed to wait at once; its event's meta. */
  private Map<String, Object> accepted(PostMessage request) {
    if (request.text() == null || request.text().isBlank()) {
      throw ApiError.badRequest("text must not be empty");
    }
    if (request.text().length() > maxTextChars) {
      throw ApiError.badRequest("text is " + request.text().length() + " characters; the limit is " + maxTextChars);
    }
    if (!inFlight.tryAcquire()) {
      throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, "too many messages waiting for replies; retry in a second");
    }
    return Boolean.TRUE.equals(request.debug()) ? Map.of(Envelopes.META_DEBUG, true) : Map.of();
  }

  @PostMapping("/{id}/messages")
  CompletableFuture<ResponseEntity<Map<String, Object>>> send(@AuthenticationPrincipal Caller caller, @PathVariable String id,
      @RequestBody PostMessage request) {
    Session session = ownSession(caller, id);
    Map<String, Object> meta = accepted(request);
    CompletableFuture<Envelope> pending;
    try {
      pending = conversations.ask(
            new ConversationKey(session.platform(), session.bot(), session.chatId()),
            new Envelope.Sender(caller.name(), caller.name()),
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
                if (error instanceof TimeoutException || error.getCause() instanceof TimeoutException) {
                  throw new ApiError(HttpStatus.GATEWAY_TIMEOUT, "no reply within " + replyTimeout.toSeconds() + " s; it will still appear in the history");
                }
                log.warn("Session {}: the reply failed: {}", id, error.toString());
                throw new ApiError(HttpStatus.BAD_GATEWAY, "the reply failed; try again");
              }
              return ResponseEntity.ok(render(reply));
            });
  }

  private static Map<String, Object> render(Envelope reply) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", reply.id());
    body.put("inReplyTo", reply.meta(Envelopes.META_IN_REPLY_TO));
    body.put("text", reply.text());
    List<Map<String, Object>> files = Envelopes.attachments(reply);
    if (!files.isEmpty()) {
      body.put("files", files); // links that open without the key: they carry their own signature
    }
    for (String key : List.of(MetaKeys.MODEL, MetaKeys.USAGE, MetaKeys.PROMPT, MetaKeys.ERROR, MetaKeys.STEPS, MetaKeys.CONFIRMATIONS, MetaKeys.CACHED)) {
      if (reply.meta(key) != null) {
        body.put(key, reply.meta(key));
      }
    }
    return body;
  }

  /** The caller's own API session, or 404 for anything else (unknown, another user's, another platform's). */
  private Session ownSession(Caller caller, String id) {
    return sessions.find(id)
        .filter(s -> PLATFORM.equals(s.platform()) && caller.name().equals(s.userId()))
        .orElseThrow(() -> ApiError.notFound("session " + (id.length() > 64 ? id.substring(0, 64) + "…" : id)));
  }

  /** A {@code userId} in a request is only accepted when it is the caller's own. */
  private static void requireSelf(Caller caller, String userId) {
    if (userId != null && !userId.equals(caller.name())) {
      throw new ApiError(HttpStatus.FORBIDDEN, "userId must be your own ('" + caller.name() + "'): the caller is who the key says");
    }
  }
}
