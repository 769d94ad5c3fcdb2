package io.switchboard.adapter.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.bot.BotFiles;
import io.switchboard.bot.Bots;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Telegram files on demand: getFile gives the file's path, then {@code {api-base-url}/file/bot{token}/{path}}. */
@Component
public class TelegramFiles implements BotFiles {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Bots bots;
  private final TelegramApi api;

  public TelegramFiles(Bots bots, TelegramApi api) {
    this.bots = bots;
    this.api = api;
  }

  @Override
  public boolean serves(String adapter) {
    return "telegram".equals(adapter);
  }

  @Override
  public Optional<File> download(String botId, String fileId) throws IOException, InterruptedException {
    JsonNode file;
    try {
      file = api.call(botId, "getFile", Map.of("file_id", fileId));
    } catch (TelegramApiException e) {
      if (e.errorCode() == 400) {
        return Optional.empty(); // "Bad Request: invalid file_id"
      }
      throw e;
    }
    String path = file.path("file_path").asText();
    Bots.ConfiguredBot bot = bots.get(botId);
    URI uri = URI.create(bot.get("api-base-url").replaceAll("/+$", "") + "/file/bot" + bot.get("token") + "/" + path);
    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("Telegram file download answered " + response.statusCode());
    }
    String name = path.contains("/") ? path.substring(path.lastIndexOf('/') + 1) : path;
    return Optional.of(new File(response.body(), response.headers().firstValue("Content-Type").orElse(null), name));
  }
}
