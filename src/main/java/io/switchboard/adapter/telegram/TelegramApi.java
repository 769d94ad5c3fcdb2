package io.switchboard.adapter.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.bot.Bots;
import io.switchboard.outbound.MultipartForm;
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
    return send(botId, method, "application/json", HttpRequest.BodyPublishers.ofString(json.writeValueAsString(parameters)), timeout);
  }

  private JsonNode send(String botId, String method, String contentType, HttpRequest.BodyPublisher content, Duration timeout)
      throws IOException, InterruptedException {
    Bots.ConfiguredBot bot = bots.get(botId);
    URI uri = URI.create(bot.get("api-base-url").replaceAll("/+$", "") + "/bot" + bot.get("token") + "/" + method);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", contentType).POST(content).build();
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

  /** A method that takes a file (sendDocument, sendPhoto) with the file's bytes, as multipart/form-data. */
  public JsonNode upload(String botId, String method, Map<String, String> fields, String fileField, String filename, String contentType,
      byte[] content) throws IOException, InterruptedException {
    MultipartForm form = new MultipartForm();
    fields.forEach(form::field);
    form.file(fileField, filename, contentType, content, null);
    return send(botId, method, form.contentType(), HttpRequest.BodyPublishers.ofByteArray(form.bytes()), Duration.ofSeconds(60));
  }
}
