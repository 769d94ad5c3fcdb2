package io.switchboard.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Every test context gets its own empty data directory, so no broker store or database outlives a test. */
public final class TestData {

  private TestData() {}

  public static Path freshDataDirectory(DynamicPropertyRegistry registry, String name) throws IOException {
    Path data = Files.createTempDirectory("switchboard-" + name + "-");
    registry.add("switchboard.data-dir", data::toString);
    return data;
  }

  /** An empty directory at {@code path} (a routes directory), whatever an earlier run left there. */
  /**
   * A fresh routes directory with the shipped group-events file enabled as docs/adapters.md says: a file of the same
   * name replaces the packaged one, here without its {@code autoStartup: false}. Call it before the context starts.
   */
  public static void routesWithTheWelcome(String path) {
    try {
      freshDirectory(path);
      String shipped = Files.readString(Path.of("src/main/resources/routes/group-events.camel.yaml"));
      Files.writeString(Path.of(path, "group-events.camel.yaml"), shipped.replace("    autoStartup: false\n", ""));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static Path freshDirectory(String path) throws IOException {
    Path directory = Path.of(path);
    org.springframework.util.FileSystemUtils.deleteRecursively(directory);
    return Files.createDirectories(directory);
  }
}
