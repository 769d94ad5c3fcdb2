package io.switchboard.adapter.feishu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.bot.Bots;
import io.switchboard.egress.PermanentDeliveryException;
import io.switchboard.egress.TransientDeliveryException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Feishu's open API for a bot, with its {@code tenant_access_token}: cached until 5 minutes before it expires, shared
 * by concurrent senders, refreshed once when Feishu calls it invalid. Throttling (HTTP 429, code 99991400) and 5xx are
 * transient; other non-zero codes are permanent, with Feishu's message.
 */
@Component
public class FeishuApi {

  private static final Set<Integer> TOKEN_INVALID = Set.of(99991661, 99991663, 99991668);
  private static final int THROTTLED = 99991400;

  private record Token(String value, Instant expires) {}

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Bots bots;
  private final Clock clock = Clock.systemUTC();
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();

  public FeishuApi(Bots bots) {
    this.bots = bots;
  }

  public JsonNode post(String botId, String path, Map<String, ?> body) throws InterruptedException {
    Token used = tokens.get(botId);
    JsonNode answer = send(botId, path, body, token(botId, null));
    if (TOKEN_INVALID.contains(answer.path("code").asInt())) {
      answer = send(botId, path, body, token(botId, used == null ? tokens.get(botId) : used));
    }
    int code = answer.path("code").asInt(0);
    if (code == THROTTLED) {
      throw new TransientDeliveryException("Feishu: throttled (99991400)", (Duration) null);
    }
    if (code != 0) {
      throw new PermanentDeliveryException("Feishu " + path + ": " + code + " " + answer.path("msg").asText());
    }
    return answer;
  }

  /** The cached token, or a new one when there is none, it expires, or {@code rejected} is the one Feishu refused. */
  String token(String botId, Token rejected) throws InterruptedException {
    Token cached = tokens.get(botId);
    if (cached != null && cached != rejected && clock.instant().isBefore(cached.expires())) {
      return cached.value();
    }
    synchronized (tokens) { // one refresh at a time; the others then use its token
      Token current = tokens.get(botId);
      if (current != null && current != rejected && clock.instant().isBefore(current.expires())) {
        return current.value();
      }
      Bots.ConfiguredBot bot = bots.get(botId);
      JsonNode answer = send(botId, "/open-apis/auth/v3/tenant_access_token/internal",
          Map.of("app_id", bot.get("app-id"), "app_secret", bot.get("app-secret")), null);
      if (answer.path("code").asInt(0) != 0) {
        throw new PermanentDeliveryException("Feishu tenant_access_token: " + answer.path("code").asInt() + " " + answer.path("msg").asText());
      }
      Token fresh = new Token(answer.path("tenant_access_token").asText(),
          clock.instant().plusSeconds(answer.path("expire").asLong(7200)).minus(Duration.ofMinutes(5)));
      tokens.put(botId, fresh);
      return fresh.value();
    }
  }

  private JsonNode send(String botId, String path, Map<String, ?> body, String token) throws InterruptedException {
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(URI.create(bots.get(botId).get("api-base-url").replaceAll("/+$", "") + path))
          .timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json; charset=utf-8")
          .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new TransientDeliveryException("Feishu unreachable: " + e, e);
    }
    if (response.statusCode() == 429 || response.statusCode() >= 500) {
      throw new TransientDeliveryException("Feishu answered " + response.statusCode() + " to " + path, (Duration) null);
    }
    try {
      return json.readTree(response.body());
    } catch (IOException e) {
      throw new TransientDeliveryException("Feishu answered " + response.statusCode() + " with no JSON", e);
    }
  }
}
