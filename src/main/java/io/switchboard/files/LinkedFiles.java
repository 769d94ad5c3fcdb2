package io.switchboard.files;

import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The file behind one of our own links, read from the store: what a sender uploads to a platform instead of passing
 * the link on (a platform cannot reach a link relative to this server, and the guarded client refuses our address).
 */
@Component
public class LinkedFiles {

  /** A stored file with its bytes. */
  public record LinkedFile(String name, String mimeType, byte[] content) {}

  private final FileLinks links;
  private final StoredFiles files;

  public LinkedFiles(FileLinks links, StoredFiles files) {
    this.links = links;
    this.files = files;
  }

  /** The file, when the URL is a valid link of ours and the file is still kept; empty otherwise. */
  public Optional<LinkedFile> read(String url) {
    return links.resolve(url).flatMap(ref -> files.content(ref.sha256()).map(content -> new LinkedFile(ref.name(), ref.mimeType(), content)));
  }
}
