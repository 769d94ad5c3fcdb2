package io.switchboard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The marker a running {@code serve} leaves in its data directory ({@code serve.json}: pid, HTTP port and the
 * terminal socket), so that {@code chat} on the same data talks to it instead of failing on the locked store.
 */
public record RunningServe(long pid, int port, Path socket) {

  public static final String FILE = "serve.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  public static void write(Path dataDir, int port, Path socket) throws IOException {
    Files.createDirectories(dataDir);
    Map<String, Object> marker = new LinkedHashMap<>();
    marker.put("pid", ProcessHandle.current().pid());
    marker.put("port", port);
    if (socket != null) {
      marker.put("socket", socket.toAbsolutePath().toString());
    }
    Files.writeString(dataDir.resolve(FILE), JSON.writeValueAsString(marker));
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
      String socket = node.path("socket").asText(null);
      RunningServe serve = new RunningServe(node.path("pid").asLong(), node.path("port").asInt(), socket == null ? null : Path.of(socket));
      boolean alive = ProcessHandle.of(serve.pid()).map(ProcessHandle::isAlive).orElse(false);
      return alive ? Optional.of(serve) : Optional.empty();
    } catch (IOException stale) {
      return Optional.empty();
    }
  }
}
