package io.switchboard.adapter.dingtalk;

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
import org.springframework.stereotype.Component;

/**
 * DingTalk's HTTP calls: the session webhook of a conversation, and the robot OpenAPI with an access token
 * ({@code POST /v1.0/oauth2/accessToken}), cached until 5 minutes before it expires, shared by concurrent senders, and
 * refreshed once when DingTalk rejects it.
 */
@Component
public class DingTalkApi {

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Bots bots;
  private final AccessTokens tokens = new AccessTokens(Clock.systemUTC(), this::fetchToken);

  public DingTalkApi(Bots bots) {
    this.bots = bots;
  }

  /** POSTs to a session webhook; DingTalk answers {@code {"errcode":0}} when it took the message. */
  public void postToSessionWebhook(String webhook, Map<String, ?> message) throws InterruptedException {
    JsonNode answer = send(HttpRequest.newBuilder(URI.create(webhook)), message, "session webhook");
    int errcode = answer.path("errcode").asInt(0);
    if (errcode == 130101) {
      throw new TransientDeliveryException("DingTalk: send too fast (130101)", Duration.ofSeconds(60));
    }
    if (errcode != 0) {
      throw new PermanentDeliveryException("DingTalk session webhook: " + errcode + " " + answer.path("errmsg").asText());
    }
  }

  /** Calls the robot OpenAPI with the bot's access token, refreshing it once if DingTalk rejects it. */
  public JsonNode openApi(String botId, String path, Map<String, ?> body) throws InterruptedException {
    AccessTokens.Token used = tokens.current(botId);
    try {
      return send(openApiRequest(botId, path, used.value()), body, path);
    } catch (TokenRejected rejected) {
      return send(openApiRequest(botId, path, tokens.replacing(botId, used).value()), body, path);
    }
  }

  private HttpRequest.Builder openApiRequest(String botId, String path, String token) {
    return HttpRequest.newBuilder(URI.create(base(botId) + path)).header("x-acs-dingtalk-access-token", token);
  }

  private AccessTokens.Token fetchToken(String botId) throws InterruptedException {
    Bots.ConfiguredBot bot = bots.get(botId);
    JsonNode answer = send(HttpRequest.newBuilder(URI.create(base(botId) + "/v1.0/oauth2/accessToken")),
        Map.of("appKey", bot.get("app-key"), "appSecret", bot.get("app-secret")), "accessToken");
    return tokens.expiresIn(answer.path("accessToken").asText(), Duration.ofSeconds(answer.path("expireIn").asLong(7200)));
  }

  private JsonNode send(HttpRequest.Builder request, Map<String, ?> body, String what) throws InterruptedException {
    HttpResponse<String> response;
    try {
      response = http.send(
          request.timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new TransientDeliveryException("DingTalk unreachable (" + what + "): " + e, e);
    }
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      throw new TokenRejected(what + " answered " + status);
    }
    if (status == 429 || status >= 500) {
      throw new TransientDeliveryException("DingTalk " + what + " answered " + status, (Duration) null);
    }
    JsonNode answer;
    try {
      answer = json.readTree(response.body());
    } catch (IOException e) {
      throw new TransientDeliveryException("DingTalk " + what + " answered " + status + " with no JSON", e);
    }
    if (status >= 400) {
      throw new PermanentDeliveryException("DingTalk " + what + ": " + status + " " + answer.path("code").asText() + " " + answer.path("message").asText());
    }
    return answer;
  }

  String base(String botId) {
    return bots.get(botId).get("api-base-url").replaceAll("/+$", "");
  }

  /** DingTalk refused the access token (expired or revoked): refreshed once. */
  static class TokenRejected extends PermanentDeliveryException {
    TokenRejected(String reason) {
      super(reason);
    }
  }
}
