package io.switchboard.files;

import io.switchboard.bot.BotFiles;
import io.switchboard.bot.Bots;
import io.switchboard.envelope.Envelope;
import io.switchboard.outbound.GuardedHttpClient;
import io.switchboard.outbound.OutboundRefusedException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The bytes of a file a user sent: a platform's file (the part's {@code id}, downloaded from the platform through its
 * adapter), or a part's {@code url} (fetched through the guarded client: a user chose it).
 */
@Component
public class InboundFiles {

  /** A file as it arrived; {@code name} may be null when the platform names none. */
  public record Download(String name, String mimeType, byte[] content) {}

  private final Bots bots;
  private final List<BotFiles> platforms;
  private final GuardedHttpClient http;

  public InboundFiles(Bots bots, List<BotFiles> platforms, GuardedHttpClient http) {
    this.bots = bots;
    this.platforms = platforms;
    this.http = http;
  }

  /** The file of a {@code file} or {@code image} part of the event; empty for other parts. */
  public Optional<Download> fetch(Envelope event, Envelope.Part part) throws IOException, InterruptedException {
    if (!"file".equals(part.type()) && !"image".equals(part.type())) {
      return Optional.empty();
    }
    if (part.url() != null && !part.url().isBlank()) {
      try {
        GuardedHttpClient.Response response = http.get(part.url(), Map.of());
        if (response.status() != 200) {
          throw new IOException("fetching the file answered HTTP " + response.status());
        }
        return Optional.of(new Download(part.name(), part.mimeType() != null ? part.mimeType() : response.contentType(), response.body()));
      } catch (OutboundRefusedException refused) {
        throw new IOException(refused.getMessage(), refused);
      }
    }
    if (part.id() == null) {
      return Optional.empty();
    }
    String botId = event.conversation().bot();
    Optional<Bots.ConfiguredBot> bot = bots.find(botId);
    Optional<BotFiles> platform = bot.flatMap(b -> platforms.stream().filter(p -> p.serves(b.adapter())).findFirst());
    if (platform.isEmpty()) {
      throw new IOException("files sent on " + event.conversation().platform() + " cannot be fetched yet");
    }
    return platform.get().download(botId, part.id())
        .map(file -> new Download(part.name() != null ? part.name() : file.name(), part.mimeType() != null ? part.mimeType() : file.contentType(),
            file.content()));
  }
}
