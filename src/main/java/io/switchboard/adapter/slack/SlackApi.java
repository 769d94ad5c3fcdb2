package io.switchboard.adapter.slack;

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
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Calls Slack's Web API for a bot ({@code POST {api-base-url}/{method}}, bearer token, JSON). HTTP 429 and Slack's
 * transient errors throw {@link TransientDeliveryException} (with {@code Retry-After}); other {@code ok:false} errors
 * throw {@link PermanentDeliveryException} with Slack's error code.
 */
@Component
public class SlackApi {

  private static final Set<String> TRANSIENT = Set.of("ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout");

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Bots bots;
  private final Map<String, String> botUserIds = new ConcurrentHashMap<>();

  public SlackApi(Bots bots) {
    this.bots = bots;
  }

  public JsonNode call(String botId, String method, Map<String, ?> body) throws InterruptedException {
    Bots.ConfiguredBot bot = bots.get(botId);
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(bot.get("api-base-url").replaceAll("/+$", "") + "/" + method))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json; charset=utf-8")
              .header("Authorization", "Bearer " + bot.get("bot-token"))
              .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
              .build();
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new TransientDeliveryException("Slack unreachable: " + e, e);
    }
    if (response.statusCode() == 429 || response.statusCode() >= 500) {
      Duration retryAfter = response.headers().firstValue("Retry-After").filter(v -> v.matches("\\d{1,5}"))
          .map(v -> Duration.ofSeconds(Long.parseLong(v))).orElse(null);
      throw new TransientDeliveryException("Slack answered " + response.statusCode() + " to " + method, retryAfter);
    }
    JsonNode answer;
    try {
      answer = json.readTree(response.body());
    } catch (IOException e) {
      throw new TransientDeliveryException("Slack answered " + response.statusCode() + " with no JSON", e);
    }
    if (!answer.path("ok").asBoolean(false)) {
      String error = answer.path("error").asText("unknown_error");
      if (TRANSIENT.contains(error)) {
        throw new TransientDeliveryException("Slack " + method + ": " + error, (Duration) null);
      }
      throw new PermanentDeliveryException("Slack " + method + ": " + error);
    }
    return answer;
  }

  /** The bot's own user id (auth.test), asked once: to recognise its mentions and its own messages. */
  public String botUserId(String botId) throws InterruptedException {
    String known = botUserIds.get(botId);
    if (known == null) {
      known = call(botId, "auth.test", Map.of()).path("user_id").asText();
      botUserIds.put(botId, known);
    }
    return known;
  }
}
