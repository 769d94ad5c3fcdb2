package io.switchboard.adapter.feishu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.bot.AccessTokens;
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
import java.util.Map;
import java.util.Set;
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

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Bots bots;
  private final AccessTokens tokens = new AccessTokens(Clock.systemUTC(), this::fetchToken);

  public FeishuApi(Bots bots) {
    this.bots = bots;
  }

  public JsonNode post(String botId, String path, Map<String, ?> body) throws InterruptedException {
    AccessTokens.Token used = tokens.current(botId);
    JsonNode answer = send(botId, path, body, used.value());
    if (TOKEN_INVALID.contains(answer.path("code").asInt())) {
      answer = send(botId, path, body, tokens.replacing(botId, used).value());
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

  private AccessTokens.Token fetchToken(String botId) throws InterruptedException {
    Bots.ConfiguredBot bot = bots.get(botId);
    JsonNode answer = send(botId, "/open-apis/auth/v3/tenant_access_token/internal",
        Map.of("app_id", bot.get("app-id"), "app_secret", bot.get("app-secret")), null);
    if (answer.path("code").asInt(0) != 0) {
      throw new PermanentDeliveryException("Feishu tenant_access_token: " + answer.path("code").asInt() + " " + answer.path("msg").asText());
    }
    return tokens.expiresIn(answer.path("tenant_access_token").asText(), Duration.ofSeconds(answer.path("expire").asLong(7200)));
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
