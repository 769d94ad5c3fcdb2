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
  public static Path freshDirectory(String path) throws IOException {
    Path directory = Path.of(path);
    org.springframework.util.FileSystemUtils.deleteRecursively(directory);
    return Files.createDirectories(directory);
  }
}
