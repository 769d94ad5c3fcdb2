package io.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.switchboard.webhook.RequestSignatures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback agent behind a webhook, as docs/agents.md documents the contract: it checks
 * {@code X-Switchboard-Signature} (v1, HMAC-SHA256 of timestamp + "." + body with its secret) and the timestamp's
 * freshness, answering 401 otherwise, and replies {@code {"text": "hook says: <text>", "model": "hook-model",
 * "usage": {...}}}; a text containing {@code [[fail]]} gets a 502.
 */
public final class FakeAgentWebhook extends LoopbackServer {

  private final ObjectMapper json = new ObjectMapper();
  private final String secret;
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final List<Integer> refused = new CopyOnWriteArrayList<>();

  public FakeAgentWebhook(String secret) throws IOException {
    this.secret = secret;
    server.createContext("/agent", this::handle);
    server.start();
  }

  public String url() {
    return base() + "/agent";
  }

  /** The turns it accepted, as posted. */
  public List<JsonNode> received() {
    return List.copyOf(received);
  }

  /** The statuses of the requests it refused (a bad signature or timestamp: 401). */
  public List<Integer> refused() {
    return List.copyOf(refused);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] raw = exchange.getRequestBody().readAllBytes();
    String body = new String(raw, StandardCharsets.UTF_8);
    String timestamp = exchange.getRequestHeaders().getFirst("X-Switchboard-Timestamp");
    String signature = exchange.getRequestHeaders().getFirst("X-Switchboard-Signature");
    boolean fresh = timestamp != null && timestamp.matches("\\d+") && Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) <= 300;
    String expected = "v1=" + RequestSignatures.hmacSha256Hex(secret, timestamp + "." + body);
    if (!fresh || signature == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII))) {
      refused.add(401);
      respond(exchange, 401, "application/json", "{\"error\":\"bad signature\"}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    JsonNode turn = json.readTree(body);
    received.add(turn);
    String text = turn.path("text").asText();
    if (text.contains("[[fail]]")) {
      respond(exchange, 502, "application/json", "{\"error\":\"upstream down\"}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    byte[] answer = json.writeValueAsBytes(java.util.Map.of("text", "hook says: " + text, "model", "hook-model",
        "usage", java.util.Map.of("promptTokens", 11, "completionTokens", 3)));
    respond(exchange, 200, "application/json", answer);
  }
}
