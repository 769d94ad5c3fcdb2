package io.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback Dify service API, as Dify documents it: {@code Authorization: Bearer <app key>} (401 otherwise).
 * {@code POST /v1/chat-messages} streams (SSE, {@code data: {...}} with the event inside) the answer
 * {@code dify: <query>} in {@code message} pieces (an agent app's key: {@code agent_thought} and
 * {@code agent_message} pieces) and {@code message_end} with the usage and the {@code conversation_id}, which it keeps;
 * a {@code conversation_id} it does not know answers 404 "Conversation Not Exists." A query with {@code [[fail]]}
 * streams an {@code error} event. {@code POST /v1/workflows/run} streams a workflow's events, ending in
 * {@code workflow_finished} with the output {@code answer: "workflow: <query input>"}.
 */
public final class FakeDify extends LoopbackServer {

  private final ObjectMapper json = new ObjectMapper();
  private final String chatKey;
  private final String agentKey;
  private final String workflowKey;
  private final Set<String> conversations = ConcurrentHashMap.newKeySet();
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final List<Integer> statuses = new CopyOnWriteArrayList<>();

  public FakeDify(String chatKey, String agentKey, String workflowKey) throws IOException {
    this.chatKey = chatKey;
    this.agentKey = agentKey;
    this.workflowKey = workflowKey;
    server.createContext("/v1/chat-messages", this::chat);
    server.createContext("/v1/workflows/run", this::workflow);
    server.start();
  }

  public String baseUrl() {
    return base() + "/v1";
  }

  /** The requests it was sent, in order. */
  public List<JsonNode> received() {
    return List.copyOf(received);
  }

  /** The statuses it answered, in order. */
  public List<Integer> statuses() {
    return List.copyOf(statuses);
  }

  /** As when an app is re-published or its conversations are deleted: every conversation_id is unknown now. */
  public void forgetConversations() {
    conversations.clear();
  }

  private void chat(HttpExchange exchange) throws IOException {
    String key = bearer(exchange);
    if (!chatKey.equals(key) && !agentKey.equals(key)) {
      error(exchange, 401, "unauthorized", "Access token is invalid");
      return;
    }
    JsonNode body = json.readTree(exchange.getRequestBody());
    received.add(body);
    if (!"streaming".equals(body.path("response_mode").asText()) && agentKey.equals(key)) {
      error(exchange, 400, "app_unavailable", "Agent Chat App does not support blocking mode");
      return;
    }
    String conversation = body.path("conversation_id").asText("");
    if (!conversation.isEmpty() && !conversations.contains(conversation)) {
      error(exchange, 404, "not_found", "Conversation Not Exists.");
      return;
    }
    if (conversation.isEmpty()) {
      conversation = UUID.randomUUID().toString();
      conversations.add(conversation);
    }
    String query = body.path("query").asText();
    String messageId = UUID.randomUUID().toString();
    StringBuilder stream = new StringBuilder();
    if (query.contains("[[fail]]")) {
      event(stream, Map.of("event", "error", "message_id", messageId, "status", 400, "code", "completion_request_error",
          "message", "the model provider is out of quota"));
      sse(exchange, stream);
      return;
    }
    String piece = agentKey.equals(key) ? "agent_message" : "message";
    if (agentKey.equals(key)) {
      event(stream, Map.of("event", "agent_thought", "id", UUID.randomUUID().toString(), "thought", "I should answer", "position", 1,
          "conversation_id", conversation));
    }
    for (String chunk : List.of("dify", ": ", query)) {
      event(stream, Map.of("event", piece, "task_id", "t1", "message_id", messageId, "conversation_id", conversation, "answer", chunk,
          "created_at", 1705398420));
    }
    stream.append("event: ping\n\n");
    event(stream, Map.of("event", "message_end", "task_id", "t1", "id", messageId, "conversation_id", conversation, "metadata",
        Map.of("usage", Map.of("prompt_tokens", 11, "completion_tokens", 7, "total_tokens", 18, "currency", "USD"))));
    sse(exchange, stream);
  }

  private void workflow(HttpExchange exchange) throws IOException {
    if (!workflowKey.equals(bearer(exchange))) {
      error(exchange, 401, "unauthorized", "Access token is invalid");
      return;
    }
    JsonNode body = json.readTree(exchange.getRequestBody());
    received.add(body);
    String run = UUID.randomUUID().toString();
    StringBuilder stream = new StringBuilder();
    event(stream, Map.of("event", "workflow_started", "task_id", "t2", "workflow_run_id", run, "data", Map.of("id", run, "workflow_id", "wf")));
    event(stream, Map.of("event", "node_finished", "task_id", "t2", "workflow_run_id", run, "data", Map.of("id", run, "node_id", "llm",
        "node_type", "llm", "title", "LLM", "index", 1, "status", "succeeded", "outputs", Map.of())));
    event(stream, Map.of("event", "workflow_finished", "task_id", "t2", "workflow_run_id", run, "data", Map.of("id", run,
        "workflow_id", "wf", "status", "succeeded", "outputs", Map.of("answer", "workflow: " + body.path("inputs").path("query").asText()),
        "total_tokens", 42, "total_steps", 2)));
    sse(exchange, stream);
  }

  private static String bearer(HttpExchange exchange) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    return authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
  }

  private void event(StringBuilder stream, Map<String, Object> data) throws IOException {
    stream.append("data: ").append(json.writeValueAsString(data)).append("\n\n");
  }

  private void sse(HttpExchange exchange, StringBuilder stream) throws IOException {
    statuses.add(200);
    respond(exchange, 200, "text/event-stream", stream.toString().getBytes(StandardCharsets.UTF_8));
  }

  private void error(HttpExchange exchange, int status, String code, String message) throws IOException {
    statuses.add(status);
    respond(exchange, status, "application/json", json.writeValueAsBytes(Map.of("code", code, "message", message, "status", status)));
  }
}
