package io.switchboard.bot;

import java.io.IOException;
import java.util.Optional;

/**
 * An adapter whose platform keeps the files users send (images, documents) and hands them out on request. Envelope
 * parts carry the platform's file id; {@code GET /api/v1/bots/{botId}/files/{fileId}} downloads one through this.
 */
public interface BotFiles {

  /** A downloaded file. */
  record File(byte[] content, String contentType, String name) {}

  /** Whether this serves the bots of that adapter. */
  boolean serves(String adapter);

  /** The file, or empty when the platform does not know that id. */
  Optional<File> download(String botId, String fileId) throws IOException, InterruptedException;
}
