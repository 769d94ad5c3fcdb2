package io.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback receiver of the generic HTTP bot's callbacks. It records every attempt and answers by markers in the
 * reply text: {@code [[429]]} answers 429 with {@code Retry-After: 1} to the first attempt of a reply, {@code [[reject]]}
 * answers 400 "chat not found" while rejecting is on; everything else gets 200.
 */
public final class FakeCallback extends LoopbackServer {

  /** One POST as received. */
  public record Attempt(String timestamp, String signature, String idempotencyKey, String rawBody, JsonNode body, int answered) {}

  private final ObjectMapper json = new ObjectMapper();
  private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
  private final ConcurrentHashMap<String, Integer> tries = new ConcurrentHashMap<>();
  private volatile boolean rejecting = true;

  public FakeCallback() throws IOException {
    server.createContext("/callback", this::receive);
    server.start();
  }

  public String url() {
    return base() + "/callback";
  }

  public void rejecting(boolean rejecting) {
    this.rejecting = rejecting;
  }

  public List<Attempt> attempts() {
    return List.copyOf(attempts);
  }

  /** Attempts whose reply text contains {@code marker}. */
  public List<Attempt> attemptsFor(String marker) {
    return attempts.stream().filter(a -> a.body().path("text").asText().contains(marker)).toList();
  }

  public List<Attempt> deliveredFor(String marker) {
    return attemptsFor(marker).stream().filter(a -> a.answered() == 200).toList();
  }

  private void receive(HttpExchange exchange) throws IOException {
    String raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    JsonNode body = json.readTree(raw);
    String text = body.path("text").asText();
    String id = body.path("id").asText();
    int attempt = tries.merge(id, 1, Integer::sum);
    int status;
    String answer;
    if (text.contains("[[429]]") && attempt == 1) {
      status = 429;
      answer = "{\"error\":\"slow down\"}";
      exchange.getResponseHeaders().add("Retry-After", "1");
    } else if (text.contains("[[reject]]") && rejecting) {
      status = 400;
      answer = "{\"error\":\"chat not found\"}";
    } else {
      status = 200;
      answer = "{\"ok\":true}";
    }
    var headers = exchange.getRequestHeaders();
    attempts.add(new Attempt(
        headers.getFirst("X-Switchboard-Timestamp"), headers.getFirst("X-Switchboard-Signature"), headers.getFirst("Idempotency-Key"),
        raw, body, status));
    respond(exchange, status, "application/json", answer.getBytes(StandardCharsets.UTF_8));
  }

}
