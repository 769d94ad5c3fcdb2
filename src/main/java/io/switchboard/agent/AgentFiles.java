package io.switchboard.agent;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.stereotype.Component;

/**
 * One YAML file per agent in {@code switchboard.agents-dir} ({@code ./agents}): {@code researcher.yaml} holds what
 * {@code switchboard.agents.researcher} would, bound the same way (kebab-case keys, {@code 1h} durations). A file that
 * does not parse is skipped with the reason logged; the others still count.
 */
@Component
public class AgentFiles {

  /** No directory: only the configured agents. */
  static final AgentFiles NONE = new AgentFiles((Path) null);

  private static final Logger log = LoggerFactory.getLogger(AgentFiles.class);

  private final Path directory;
  private volatile Map<Path, FileTime> seen = Map.of();

  @Autowired
  public AgentFiles(@Value("${switchboard.agents-dir:./agents}") String directory) {
    this(Path.of(directory));
  }

  AgentFiles(Path directory) {
    this.directory = directory;
  }

  Path directory() {
    return directory;
  }

  /** The agents of the directory's {@code *.yaml} and {@code *.yml} files, by file name; remembers what it read. */
  synchronized Map<String, AgentSettings.Entry> read() {
    Map<String, AgentSettings.Entry> agents = new TreeMap<>();
    Map<Path, FileTime> stamps = stamps();
    for (Path file : stamps.keySet()) {
      String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
      try {
        for (PropertySource<?> source : new YamlPropertySourceLoader().load(name, new FileSystemResource(file))) {
          new Binder(ConfigurationPropertySources.from(source)).bind("", AgentSettings.Entry.class)
              .ifBound(entry -> agents.put(name, entry));
        }
      } catch (IOException | RuntimeException e) {
        log.warn("Agent file {} skipped: {}", file, e.getMessage());
      }
    }
    seen = stamps;
    return agents;
  }

  /** Whether a file was added, changed or removed since the last read. */
  boolean changed() {
    return !stamps().equals(seen);
  }

  private Map<Path, FileTime> stamps() {
    Map<Path, FileTime> stamps = new HashMap<>();
    if (directory == null || !Files.isDirectory(directory)) {
      return stamps;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.{yaml,yml}")) {
      for (Path file : files) {
        stamps.put(file, Files.getLastModifiedTime(file));
      }
    } catch (IOException e) {
      log.warn("The agents directory {} cannot be read: {}", directory, e.getMessage());
    }
    return stamps;
  }
}
