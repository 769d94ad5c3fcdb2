package io.switchboard.bot;

import io.switchboard.api.ApiError;
import java.io.IOException;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Files users sent to a bot, downloaded from the platform when asked for (the part's {@code id}). */
@RestController
class BotFilesController {

  private final Bots bots;
  private final List<BotFiles> sources;

  BotFilesController(Bots bots, List<BotFiles> sources) {
    this.bots = bots;
    this.sources = sources;
  }

  @GetMapping("/api/v1/bots/{botId}/files/{fileId}")
  ResponseEntity<byte[]> download(@PathVariable String botId, @PathVariable String fileId) throws IOException, InterruptedException {
    Bots.ConfiguredBot bot = bots.find(botId).orElseThrow(() -> ApiError.notFound("bot " + botId));
    BotFiles files = sources.stream().filter(s -> s.serves(bot.adapter())).findFirst()
        .orElseThrow(() -> new ApiError(HttpStatus.NOT_IMPLEMENTED, "adapter " + bot.adapter() + " does not serve files"));
    BotFiles.File file = files.download(botId, fileId).orElseThrow(() -> ApiError.notFound("file " + fileId));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(file.contentType() == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(file.contentType()));
    if (file.name() != null) {
      headers.setContentDisposition(ContentDisposition.attachment().filename(file.name()).build());
    }
    return new ResponseEntity<>(file.content(), headers, HttpStatus.OK);
  }
}
