package io.switchboard.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.channel.LocalChannels;
import io.switchboard.channel.LocalConversations;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import io.switchboard.kernel.MetaKeys;
import io.switchboard.security.Caller;
import io.switchboard.store.MessageRepository;
import io.switchboard.store.SessionRepository;
import java.io.IOException;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The web chat channel ({@code /ws/chat?chat=<id>}): the browser sends {@code {"text": "..."}}; the message travels over
 * the bus as platform {@code web}; the answer is pushed back as it is written ({@code {"type":"partial","stream":"...",
 * "sequence":n,"text":"so far"}}), then as {@code {"type":"reply","text":"..."}}. On connect,
 * the page gets the conversation's history and its agent picker ({@code {"type":"agents",...}}, {@link WebChatAgents}):
 * {@code &agent=<name>} on the URL starts a new chat with that agent, and {@code {"agent": "<name>"}} switches it.
 *
 * <p>The handshake is authenticated (the login session, see the security configuration): the sender is the logged-in
 * user, and a chat is the user's own, its conversation key {@code web:default:<user>.<chat>}, so no browser can open
 * or read another user's chat by guessing its id.
 */
@Component
public class WebChatSocket extends TextWebSocketHandler implements LocalChannels.Sink {

  static final String PLATFORM = "web";
  static final String BOT = "default";
  private static final Pattern CHAT_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
  private static final Logger log = LoggerFactory.getLogger(WebChatSocket.class);

  private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
  private final Map<String, Set<WebSocketSession>> byChat = new ConcurrentHashMap<>();
  private final LocalConversations conversations;
  private final SessionRepository sessions;
  private final MessageRepository messages;
  private final WebChatAgents agents;
  private final int maxTextChars;

  public WebChatSocket(LocalConversations conversations, SessionRepository sessions, MessageRepository messages, WebChatAgents agents,
      @Value("${switchboard.pipeline.max-text-chars:16000}") int maxTextChars) {
    this.conversations = conversations;
    this.sessions = sessions;
    this.messages = messages;
    this.agents = agents;
    this.maxTextChars = maxTextChars;
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession raw) throws IOException {
    if (user(raw) == null) {
      raw.close(CloseStatus.POLICY_VIOLATION.withReason("log in first"));
      return;
    }
    String chatId = chatId(raw);
    if (chatId == null) {
      raw.close(CloseStatus.BAD_DATA.withReason("chat must be 8-64 letters, digits, '-' or '_'"));
      return;
    }
    WebSocketSession socket = new ConcurrentWebSocketSessionDecorator(raw, 10_000, 1 << 20);
    raw.getAttributes().put("socket", socket);
    byChat.computeIfAbsent(chatId, k -> ConcurrentHashMap.newKeySet()).add(socket);
    agents.startWith(key(chatId), user(raw), queryParameter(raw, "agent"));
    var history =
        sessions.findByConversation(key(chatId)).map(s -> messages.history(s.id())).orElse(List.of());
    send(socket, Map.of("type", "history", "messages", history));
    send(socket, agents.picker(key(chatId), user(raw)));
  }

  @Override
  protected void handleTextMessage(WebSocketSession raw, TextMessage message) throws IOException {
    WebSocketSession socket = (WebSocketSession) raw.getAttributes().get("socket");
    String text;
    JsonNode node;
    try {
      node = json.readTree(message.getPayload());
      text = node.path("text").asText("");
    } catch (IOException notJson) {
      send(socket, Map.of("type", "error", "error", "send JSON like {\"text\": \"hello\"}"));
      return;
    }
    if (node.hasNonNull("agent")) {
      chooseAgent(raw, node.path("agent").asText(""));
      return;
    }
    if (text.isBlank()) {
      send(socket, Map.of("type", "error", "error", "text must not be empty"));
      return;
    }
    if (text.length() > maxTextChars) {
      send(socket, Map.of("type", "error", "error", "the message is " + text.length() + " characters; the limit is " + maxTextChars));
      return;
    }
    String chatId = chatId(raw);
    String user = user(raw);
    // the page shows the answer as it is written
    Envelope event = conversations.tell(key(chatId), new Envelope.Sender(user, user), text, Map.of(Envelopes.META_STREAM, true));
    send(socket, Map.of("type", "accepted", "id", event.id()));
  }

  /** The picker switched the chat's agent: every open tab of the chat shows the new one; a refusal only this one. */
  private void chooseAgent(WebSocketSession raw, String agent) {
    WebSocketSession socket = (WebSocketSession) raw.getAttributes().get("socket");
    String chatId = chatId(raw);
    var refused = agents.choose(key(chatId), user(raw), agent);
    if (refused.isPresent()) {
      send(socket, Map.of("type", "error", "error", refused.get()));
      send(socket, agents.picker(key(chatId), user(raw)));
      return;
    }
    Map<String, Object> picker = agents.picker(key(chatId), user(raw));
    byChat.getOrDefault(chatId, Set.of()).forEach(open -> send(open, picker));
  }

  @Override
  public void afterConnectionClosed(WebSocketSession raw, CloseStatus status) {
    String chatId = chatId(raw);
    Object socket = raw.getAttributes().get("socket");
    if (chatId != null && socket != null) {
      byChat.computeIfPresent(chatId, (k, set) -> {
        set.remove(socket);
        return set.isEmpty() ? null : set;
      });
    }
  }

  @Override
  public boolean deliver(Envelope reply) {
    ConversationKey key = reply.conversation();
    if (!PLATFORM.equals(key.platform())) {
      return false;
    }
    Set<WebSocketSession> sockets = byChat.getOrDefault(key.chatId(), Set.of());
    if (Envelope.MESSAGE_NOTIFICATION.equals(reply.type())) {
      // a push (a subscription's item): shown in the chat, and in its history when the page opens next
      Map<String, Object> push = Map.of("type", "push", "id", String.valueOf(reply.meta(Envelopes.META_PUSH)), "text", reply.text(),
          "files", Envelopes.attachments(reply));
      sockets.forEach(socket -> send(socket, push));
      return true;
    }
    if (Envelope.MESSAGE_PARTIAL.equals(reply.type())) {
      Map<String, Object> partial = Map.of("type", "partial", "stream", String.valueOf(reply.meta(Envelopes.META_STREAM)),
          "sequence", reply.meta(Envelopes.META_SEQUENCE), "text", reply.text());
      sockets.forEach(socket -> send(socket, partial));
      return true;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "reply");
    body.put("id", reply.id());
    body.put("inReplyTo", reply.meta("inReplyTo"));
    body.put("stream", reply.meta(Envelopes.META_STREAM)); // the stream this reply ends, when the answer was streamed
    body.put("text", reply.text());
    body.put("error", Boolean.TRUE.equals(reply.meta(MetaKeys.ERROR)));
    // a notice while the work goes on, the tool steps behind an answer, the calls waiting for the user's decision
    body.put("progress", Boolean.TRUE.equals(reply.meta(MetaKeys.PROGRESS)));
    body.put("steps", reply.meta(MetaKeys.STEPS) == null ? List.of() : reply.meta(MetaKeys.STEPS));
    body.put("confirmations", reply.meta(MetaKeys.CONFIRMATIONS) == null ? List.of() : reply.meta(MetaKeys.CONFIRMATIONS));
    body.put("files", Envelopes.attachments(reply));
    for (WebSocketSession socket : sockets) {
      send(socket, body);
    }
    return true;
  }

  private void send(WebSocketSession socket, Map<String, Object> body) {
    try {
      socket.sendMessage(new TextMessage(json.writeValueAsString(body)));
    } catch (IOException | IllegalStateException e) {
      log.debug("Web chat socket {} gone: {}", socket.getId(), e.toString());
    }
  }

  private static ConversationKey key(String chatId) {
    return new ConversationKey(PLATFORM, BOT, chatId);
  }

  /** The conversation's chat id: the user's name and the browser's chat, so a chat is only ever its user's. */
  private static String chatId(WebSocketSession session) {
    String user = user(session);
    if (session.getUri() == null || user == null) {
      return null;
    }
    String chat = queryParameter(session, "chat");
    return chat != null && CHAT_ID.matcher(chat).matches() ? user + "." + chat : null;
  }

  private static String queryParameter(WebSocketSession session, String name) {
    return session.getUri() == null ? null : UriComponentsBuilder.fromUri(session.getUri()).build().getQueryParams().getFirst(name);
  }

  /** The authenticated user of the handshake; the security configuration lets no one else open the socket. */
  private static String user(WebSocketSession session) {
    Principal principal = session.getPrincipal();
    return principal instanceof Authentication authentication && authentication.getPrincipal() instanceof Caller caller
        && caller.kind() == Caller.Kind.USER ? caller.name() : null;
  }
}
