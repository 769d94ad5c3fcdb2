package io.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback fake of Feishu's open API: tenant_access_token/internal issues numbered tokens; message replies and sends
 * check the bearer token (HTTP 400, code 99991663 for one {@link #expireTokens()} invalidated, as Feishu answers) and record
 * what was sent. Content containing {@code [[down]]} gets HTTP 500 every time.
 */
public final class FakeFeishu extends LoopbackServer {

  /** One call: its path, bearer token, body and the status it was answered. */
  public record Call(String path, String authorization, JsonNode body, int answered) {}

  private final ObjectMapper json = new ObjectMapper();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger issued = new AtomicInteger();
  private final java.util.Set<String> validTokens = java.util.concurrent.ConcurrentHashMap.newKeySet();

  public FakeFeishu() throws IOException {
    server.createContext("/open-apis/", this::handle);
    server.start();
  }

  public String url() {
    return base();
  }

  public void expireTokens() {
    validTokens.clear();
  }

  public int tokensIssued() {
    return issued.get();
  }

  /** Sends (replies or new messages) whose content contains the marker, refused by the token check or not. */
  public List<Call> attempts(String marker) {
    return calls.stream().filter(c -> c.path().contains("/im/v1/messages") && c.body().path("content").asText().contains(marker)).toList();
  }

  /** Sends that got past the token check (answered 200, or 500 for [[down]]). */
  public List<Call> sent(String marker) {
    return attempts(marker).stream().filter(c -> c.answered() != 400).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().toString();
    JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    int status;
    if (path.endsWith("/auth/v3/tenant_access_token/internal")) {
      String token = "t-" + issued.incrementAndGet();
      validTokens.add(token);
      status = respond(exchange, 200, Map.of("code", 0, "msg", "ok", "tenant_access_token", token, "expire", 7200));
    } else if (authorization == null || !validTokens.contains(authorization.replace("Bearer ", ""))) {
      status = respond(exchange, 400, Map.of("code", 99991663, "msg", "Invalid access token for authorization."));
    } else if ("interactive".equals(body.path("msg_type").asText()) && !cardValid(body.path("content").asText())) {
      status = respond(exchange, 400, Map.of("code", 230099, "msg", "Failed to create card content"));
    } else if (body.toString().contains("[[down]]")) {
      status = respond(exchange, 500, Map.of("code", 1, "msg", "internal error"));
    } else {
      status = respond(exchange, 200, Map.of("code", 0, "msg", "success", "data", Map.of("message_id", "om_reply_" + calls.size())));
    }
    calls.add(new Call(path, authorization, body, status));
  }

  /** An interactive message's content: a card (JSON in a string) with elements; each button with a text and a type. */
  private boolean cardValid(String content) throws IOException {
    JsonNode card = json.readTree(content);
    if (!card.path("elements").isArray() || card.path("elements").isEmpty()) {
      return false;
    }
    for (JsonNode element : card.path("elements")) {
      for (JsonNode action : element.path("actions")) {
        boolean typed = List.of("default", "primary", "danger").contains(action.path("type").asText("default"));
        if (action.path("text").path("content").asText().isEmpty() || !typed) {
          return false;
        }
      }
    }
    return true;
  }

  private int respond(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
    respond(exchange, status, "application/json", json.writeValueAsBytes(body));
    return status;
  }
}
