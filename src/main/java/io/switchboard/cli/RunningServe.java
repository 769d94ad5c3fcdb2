package io.switchboard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The marker a running {@code serve} leaves in its data directory ({@code serve.json}: pid and HTTP port), so that
 * {@code chat} on the same data talks to it instead of failing on the locked store.
 */
public record RunningServe(long pid, int port) {

  public static final String FILE = "serve.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  public static void write(Path dataDir, int port) throws IOException {
    Files.createDirectories(dataDir);
    Files.writeString(dataDir.resolve(FILE), JSON.writeValueAsString(Map.of("pid", ProcessHandle.current().pid(), "port", port)));
  }

  public static void remove(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE);
    if (Files.exists(file) && find(dataDir).map(s -> s.pid() == ProcessHandle.current().pid()).orElse(true)) {
      Files.deleteIfExists(file);
    }
  }

  /** The serve running on this data directory, if its process is alive. */
  public static Optional<RunningServe> find(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      var node = JSON.readTree(file.toFile());
      RunningServe serve = new RunningServe(node.path("pid").asLong(), node.path("port").asInt());
      boolean alive = ProcessHandle.of(serve.pid()).map(ProcessHandle::isAlive).orElse(false);
      return alive ? Optional.of(serve) : Optional.empty();
    } catch (IOException stale) {
      return Optional.empty();
    }
  }
}
