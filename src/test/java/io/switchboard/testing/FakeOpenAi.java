package io.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback fake of the OpenAI chat completions API ({@code POST /v1/chat/completions}), as langchain4j's OpenAI client
 * calls it. It answers {@code "echo: <last user message>"} with token usage, and obeys markers in the last user
 * message: {@code [[delay=MS]]} answers after MS milliseconds, {@code [[fail]]} answers HTTP 500 while failing is on.
 */
public final class FakeOpenAi extends LoopbackServer {

  /** One request as the fake received it: the messages as role/content pairs, the model, the Authorization header. */
  public record Request(List<Map<String, String>> messages, String model, String authorization) {
    public String lastUserText() {
      return messages.get(messages.size() - 1).get("content");
    }

    public List<String> contents() {
      return messages.stream().map(m -> m.get("content")).toList();
    }
  }

  static {
    // the JDK server writes headers and body separately; without this, Nagle + delayed ACKs add ~40 ms per call
  }

  private static final Pattern DELAY = Pattern.compile("\\[\\[delay=(\\d+)]]");
  private final ObjectMapper json = new ObjectMapper();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peakInFlight = new AtomicInteger();
  private volatile boolean failing = true;

  public FakeOpenAi() throws IOException {
    server.createContext("/v1/chat/completions", this::complete);
    server.start();
  }

  public String baseUrl() {
    return base() + "/v1";
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Requests whose last user message contains {@code marker}. */
  public List<Request> requestsFor(String marker) {
    return requests.stream().filter(r -> r.lastUserText().contains(marker)).toList();
  }

  public int peakInFlight() {
    return peakInFlight.get();
  }

  public void resetPeak() {
    peakInFlight.set(inFlight.get());
  }

  /** Whether {@code [[fail]]} messages get HTTP 500 (on by default). */
  public void failing(boolean failing) {
    this.failing = failing;
  }

  private void complete(HttpExchange exchange) throws IOException {
    int now = inFlight.incrementAndGet();
    peakInFlight.accumulateAndGet(now, Math::max);
    try {
      JsonNode body = json.readTree(exchange.getRequestBody());
      List<Map<String, String>> messages = new ArrayList<>();
      body.path("messages").forEach(m -> messages.add(Map.of("role", m.path("role").asText(), "content", m.path("content").asText())));
      Request request = new Request(messages, body.path("model").asText(null), exchange.getRequestHeaders().getFirst("Authorization"));
      requests.add(request);
      String text = request.lastUserText();
      Matcher delay = DELAY.matcher(text);
      if (delay.find()) {
        Thread.sleep(Long.parseLong(delay.group(1)));
      }
      if (text.contains("[[fail]]") && failing) {
        respond(exchange, 500, "{\"error\":{\"message\":\"fake model failure\",\"type\":\"server_error\"}}");
        return;
      }
      int promptTokens = 10 * messages.size();
      String reply =
          json.writeValueAsString(
              Map.of(
                  "id", "chatcmpl-" + requests.size(),
                  "object", "chat.completion",
                  "created", 1,
                  "model", "fake-model",
                  "choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", "echo: " + text), "finish_reason", "stop")),
                  "usage", Map.of("prompt_tokens", promptTokens, "completion_tokens", 7, "total_tokens", promptTokens + 7)));
      respond(exchange, 200, reply);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      respond(exchange, 503, "{}");
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    respond(exchange, status, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

}
