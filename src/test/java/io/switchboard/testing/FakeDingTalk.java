package io.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A loopback fake of DingTalk: session webhooks ({@code /robot/sendBySession/<conversation>}), the access token
 * endpoint, and the robot OpenAPI sends. Tokens are numbered; {@link #expireTokens()} makes the current one rejected
 * (401) as DingTalk does for an expired token. Messages containing {@code [[down]]} get 500 every time. Stream mode:
 * {@code POST /v1.0/gateway/connections/open} checks the app's credentials and hands out the endpoint of a loopback
 * WebSocket ({@link #stream()}) and a ticket.
 */
public final class FakeDingTalk extends LoopbackServer {

  /** One call: its path, its access token header (OpenAPI) and its body. */
  public record Call(String path, String token, JsonNode body) {}

  private final ObjectMapper json = new ObjectMapper();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger issued = new AtomicInteger();
  private volatile int validToken = 0;
  private final LoopbackWebSocket stream;
  private final AtomicInteger opened = new AtomicInteger();
  
  /** The AppSecret the tests configure, and the one connections/open accepts unless told otherwise. */
  public static final String APP_SECRET = "dingtalk-app-secret-0001";

  /** Configures {@code switchboard.bots[index]} as a DingTalk robot of that app, in the given mode, against this fake. */
  public void registerBot(DynamicPropertyRegistry registry, int index, String botId, String mode) {
    String bot = "switchboard.bots[" + index + "].";
    registry.add(bot + "id", () -> botId);
    registry.add(bot + "adapter", () -> "dingtalk");
    registry.add(bot + "mode", () -> mode);
    registry.add(bot + "config.app-key", () -> "ding-app-key");
    registry.add(bot + "config.app-secret", () -> APP_SECRET);
    registry.add(bot + "config.robot-code", () -> "ding-robot");
    registry.add(bot + "config.api-base-url", this::url);
    registry.add(bot + "config.max-per-chat-per-second", () -> "50");
  }

  public FakeDingTalk() throws IOException {
    stream = companion(new LoopbackWebSocket());
    server.createContext("/", this::handle);
    server.start();
  }

  public String url() {
    return base();
  }

  public String sessionWebhook(String conversationId) {
    return base() + "/robot/sendBySession/" + conversationId;
  }

  /** The stream gateway's WebSocket. */
  public LoopbackWebSocket stream() {
    return stream;
  }

  /** Connections opened through connections/open. */
  public int streamsOpened() {
    return opened.get();
  }

  public void expireTokens() {
    validToken = -1;
  }

  public int tokensIssued() {
    return issued.get();
  }

  public List<Call> calls(String pathPart, String marker) {
    return calls.stream().filter(c -> c.path().contains(pathPart) && c.body().toString().contains(marker)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
    String token = exchange.getRequestHeaders().getFirst("x-acs-dingtalk-access-token");
    calls.add(new Call(path, token, body));
    if (body.toString().contains("[[down]]")) {
      respond(exchange, 500, Map.of("code", "ServiceUnavailable", "message", "try later"));
    } else if (path.equals("/v1.0/gateway/connections/open")) {
      if (!APP_SECRET.equals(body.path("clientSecret").asText())) {
        respond(exchange, 401, Map.of("code", "InvalidClient", "message", "clientId or clientSecret is wrong"));
        return;
      }
      int n = opened.incrementAndGet();
      respond(exchange, 200, Map.of("endpoint", stream.url("/connect"), "ticket", "ticket-" + n));
    } else if (path.equals("/v1.0/oauth2/accessToken")) {
      int n = issued.incrementAndGet();
      validToken = n;
      respond(exchange, 200, Map.of("accessToken", "token-" + n, "expireIn", 7200));
    } else if (path.startsWith("/robot/sendBySession/")) {
      respond(exchange, 200, Map.of("errcode", 0, "errmsg", "ok"));
    } else if (!("token-" + validToken).equals(token)) {
      respond(exchange, 401, Map.of("code", "InvalidAuthentication", "message", "token is not authorized"));
    } else {
      respond(exchange, 200, Map.of("processQueryKey", "q-" + calls.size()));
    }
  }

  private void respond(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
    respond(exchange, status, "application/json", json.writeValueAsBytes(body));
  }
}
