package io.switchboard.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;

/**
 * The merged {@code switchboard.*} configuration as the service sees it, without starting the service: the built-in
 * defaults, then {@code ./switchboard.yaml}, then {@code SWITCHBOARD_*} environment variables (the environment wins,
 * with Spring's relaxed names: {@code SWITCHBOARD_LLM_API_KEY} is {@code switchboard.llm.api-key}).
 */
final class ConfigView {

  static final Path FILE = Path.of("switchboard.yaml");
  private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|api-key|apikey|token|aes-key|encrypt-key).*");
  private static final String PREFIX = "switchboard.";

  private final StandardEnvironment environment;
  private final TreeSet<String> keys = new TreeSet<>();

  private ConfigView(StandardEnvironment environment) {
    this.environment = environment;
  }

  static ConfigView load() {
    StandardEnvironment env = new StandardEnvironment(); // system properties and environment come first
    ConfigView view = new ConfigView(env);
    try {
      if (Files.isRegularFile(FILE)) {
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("switchboard.yaml", new FileSystemResource(FILE))) {
          env.getPropertySources().addLast(source);
          view.collect(source);
        }
      }
      for (PropertySource<?> source : new PropertiesPropertySourceLoader().load("defaults", new ClassPathResource("application.properties"))) {
        env.getPropertySources().addLast(source);
        view.collect(source);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + FILE.toAbsolutePath(), e);
    }
    System.getenv().keySet().stream()
        .filter(name -> name.startsWith("SWITCHBOARD_"))
        .filter(name -> view.keys.stream().noneMatch(key -> envName(key).equals(name)))
        .forEach(name -> view.keys.add(name.toLowerCase(Locale.ROOT).replace('_', '.')));
    return view;
  }

  private void collect(PropertySource<?> source) {
    if (source instanceof EnumerablePropertySource<?> enumerable) {
      for (String name : enumerable.getPropertyNames()) {
        if (name.startsWith(PREFIX)) {
          keys.add(name);
        }
      }
    }
  }

  /** The value as the service would see it; a placeholder that nothing defines is shown as written, and said so. */
  Optional<String> get(String key) {
    try {
      return Optional.ofNullable(environment.getProperty(key));
    } catch (IllegalArgumentException unresolvable) {
      for (PropertySource<?> source : environment.getPropertySources()) {
        Object raw = source.getProperty(key);
        if (raw != null) {
          return Optional.of(raw + "   (unresolved: " + unresolvable.getMessage() + ")");
        }
      }
      return Optional.empty();
    }
  }

  /** Every key with its value, secrets masked. */
  Map<String, String> masked() {
    Map<String, String> result = new TreeMap<>();
    for (String key : keys) {
      result.put(key, mask(key, get(key).orElse("")));
    }
    return result;
  }

  static String mask(String key, String value) {
    if (!SECRET.matcher(key).matches() || value == null || value.isEmpty() || value.startsWith("${")) {
      return value; // nothing, or a placeholder naming where the secret comes from
    }
    // at most the last four characters: enough to tell two keys apart, too few to use or guess one
    return value.length() < 12 ? "****" : "****" + value.substring(value.length() - 4);
  }

  static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_').replace("[", "_").replace("]", "");
  }
}
