package io.switchboard.adapter.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.bot.Bots;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Calls the Telegram Bot API of a bot: {@code POST {api-base-url}/bot{token}/{method}} with a JSON body, answering the
 * {@code result} or throwing {@link TelegramApiException} with Telegram's error. The token never leaves this class.
 */
@Component
public class TelegramApi {

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Bots bots;

  public TelegramApi(Bots bots) {
    this.bots = bots;
  }

  public JsonNode call(String botId, String method, Map<String, ?> parameters, Duration timeout) throws IOException, InterruptedException {
    Bots.ConfiguredBot bot = bots.get(botId);
    URI uri = URI.create(bot.get("api-base-url").replaceAll("/+$", "") + "/bot" + bot.get("token") + "/" + method);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(parameters)))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode body;
    try {
      body = json.readTree(response.body());
    } catch (IOException notJson) {
      throw new TelegramApiException(response.statusCode(), "not a Bot API answer", null);
    }
    if (!body.path("ok").asBoolean(false)) {
      JsonNode retryAfter = body.path("parameters").path("retry_after");
      throw new TelegramApiException(
          body.path("error_code").asInt(response.statusCode()),
          body.path("description").asText("unknown error"),
          retryAfter.isNumber() ? Duration.ofSeconds(retryAfter.asLong()) : null);
    }
    return body.path("result");
  }

  public JsonNode call(String botId, String method, Map<String, ?> parameters) throws IOException, InterruptedException {
    return call(botId, method, parameters, Duration.ofSeconds(30));
  }
}
