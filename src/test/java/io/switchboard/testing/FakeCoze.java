package io.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback Coze v3 chat API, as Coze documents it: {@code POST /v3/chat[?conversation_id=]} with a Bearer token
 * (Coze's JSON error, HTTP 200 with {@code code} 4100, otherwise) and {@code bot_id}; it streams
 * {@code event:}/{@code data:} pairs: {@code conversation.chat.created} (with the conversation's id: the one asked
 * for, or a new one), {@code conversation.message.delta} pieces of the answer {@code coze: <content>},
 * {@code conversation.message.completed} (the answer whole, then a {@code follow_up} suggestion),
 * {@code conversation.chat.completed} with the usage, and {@code done}. Content with {@code [[fail]]} streams
 * {@code conversation.chat.failed}.
 */
public final class FakeCoze extends LoopbackServer {

  private final ObjectMapper json = new ObjectMapper();
  private final String token;
  private final String botId;
  private final List<Request> received = new CopyOnWriteArrayList<>();

  /** A request: its conversation_id query parameter (null without one) and its body. */
  public record Request(String conversationId, JsonNode body) {}

  public FakeCoze(String token, String botId) throws IOException {
    this.token = token;
    this.botId = botId;
    server.createContext("/v3/chat", this::chat);
    server.start();
  }

  public String baseUrl() {
    return base();
  }

  public List<Request> received() {
    return List.copyOf(received);
  }

  private void chat(HttpExchange exchange) throws IOException {
    if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      respond(exchange, 200, "application/json", json.writeValueAsBytes(Map.of("code", 4100, "msg", "authentication is invalid")));
      return;
    }
    String query = exchange.getRequestURI().getRawQuery();
    String conversation = query != null && query.startsWith("conversation_id=") ? query.substring("conversation_id=".length()) : null;
    JsonNode body = json.readTree(exchange.getRequestBody());
    received.add(new Request(conversation, body));
    if (!botId.equals(body.path("bot_id").asText())) {
      respond(exchange, 200, "application/json", json.writeValueAsBytes(Map.of("code", 4015, "msg", "the bot is not published")));
      return;
    }
    String id = conversation != null ? conversation : UUID.randomUUID().toString().replace("-", "");
    String chat = UUID.randomUUID().toString().replace("-", "");
    String content = body.path("additional_messages").path(0).path("content").asText();
    StringBuilder stream = new StringBuilder();
    Map<String, Object> chatObject = new LinkedHashMap<>(Map.of("id", chat, "conversation_id", id, "bot_id", botId, "status", "created"));
    event(stream, "conversation.chat.created", chatObject);
    if (content.contains("[[fail]]")) {
      chatObject.put("status", "failed");
      chatObject.put("last_error", Map.of("code", 5000, "msg", "the plugin timed out"));
      event(stream, "conversation.chat.failed", chatObject);
      stream.append("event:done\ndata:\"[DONE]\"\n\n");
      respond(exchange, 200, "text/event-stream", stream.toString().getBytes(StandardCharsets.UTF_8));
      return;
    }
    String answer = "coze: " + content;
    for (String piece : List.of("coze", ": ", content)) {
      event(stream, "conversation.message.delta", message(id, chat, "answer", piece));
    }
    event(stream, "conversation.message.completed", message(id, chat, "answer", answer));
    event(stream, "conversation.message.completed", message(id, chat, "follow_up", "Shall I go on?"));
    chatObject.put("status", "completed");
    chatObject.put("usage", Map.of("token_count", 30, "input_count", 21, "output_count", 9));
    event(stream, "conversation.chat.completed", chatObject);
    stream.append("event:done\ndata:\"[DONE]\"\n\n");
    respond(exchange, 200, "text/event-stream", stream.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, Object> message(String conversation, String chat, String type, String content) {
    return Map.of("id", UUID.randomUUID().toString(), "conversation_id", conversation, "chat_id", chat, "role", "assistant", "type", type,
        "content", content, "content_type", "text");
  }

  private void event(StringBuilder stream, String name, Map<String, Object> data) throws IOException {
    stream.append("event:").append(name).append('\n').append("data:").append(json.writeValueAsString(data)).append("\n\n");
  }
}
