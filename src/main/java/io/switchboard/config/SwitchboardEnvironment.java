package io.switchboard.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Derives the settings that depend on other settings, once, before any bean reads them. It sees the configuration
 * files, the environment, command-line arguments and {@code @SpringBootTest(properties)}, but not properties that
 * tests add later ({@code @DynamicPropertySource}):
 * <ul>
 *   <li>a stable instance id (a {@code ${random.uuid}} placeholder would change on every read);
 *   <li>the shard queue names from the shard count;
 *   <li>which classpath routes are overridden by a file of the same name in {@code switchboard.routes-dir};
 *   <li>the management server's address, loopback, when it has a port of its own and none is configured (Spring
 *       Boot refuses an address for a management server that shares the main port, so it cannot be a plain default).
 * </ul>
 */
public class SwitchboardEnvironment implements EnvironmentPostProcessor, Ordered {

  /**
   * The packaged routes of the message path, by exact name (a wildcard makes Camel scan the whole jar at start-up);
   * the adapters' route templates are added per adapter folder.
   */
  static final List<String> CORE_ROUTE_FILES = Stream.of("error-handling", "ingress", "pipeline", "runners/llm", "runners/webhook", "runners/n8n", "runners/dify", "runners/coze", "tools", "egress", "bot-sink",
          "dead-letters", "maintenance", "subscriptions", "group-events", "session-pushes")
      .map(name -> name + ".camel.yaml")
      .toList();

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    Map<String, Object> derived = new HashMap<>();
    if (!env.containsProperty("switchboard.instance-id")) {
      derived.put("switchboard.instance-id", UUID.randomUUID().toString().substring(0, 8));
    }
    int shards = env.getProperty("switchboard.pipeline.shards", Integer.class, 4);
    derived.put(
        "switchboard.pipeline.queue-names",
        IntStream.range(0, shards).mapToObj(i -> "sb.pipeline." + i).collect(Collectors.joining(",")));

    if (managementHasItsOwnPort(env) && !env.containsProperty("management.server.address")) {
      derived.put("management.server.address", "127.0.0.1");
    }

    String routesDir = env.getProperty("switchboard.routes-dir", "./routes");
    if (env.getProperty("camel.main.routes-reload-enabled", Boolean.class, false)) {
      createDirectory(Path.of(routesDir)); // the reload watcher needs it to exist at start
    }
    List<String> include = new ArrayList<>(CORE_ROUTE_FILES.stream().map(file -> "classpath:routes/" + file).toList());
    include.removeAll(overriddenCoreRoutes(Path.of(routesDir)));
    include.addAll(adapterRoutes());
    if (Files.isDirectory(Path.of(routesDir))) {
      include.add("file:" + routesDir + "/*.yaml");
    }
    derived.put("camel.main.routes-include-pattern", String.join(",", include));
    List<String> overridden = overriddenCoreRoutes(Path.of(routesDir));
    if (!overridden.isEmpty()) {
      derived.put("camel.main.routes-exclude-pattern", String.join(",", overridden));
    }
    env.getPropertySources().addFirst(new MapPropertySource("switchboardDerived", derived));
  }

  /**
   * Each adapter's route file by its exact name, {@code classpath:adapters/<adapter>/<adapter>.camel.yaml}: Camel's
   * loader mis-resolves a {@code **} pattern inside the packaged jar, and scans the whole jar for every wildcard
   * pattern (seconds each at start-up).
   */
  static List<String> adapterRoutes() {
    try {
      List<String> patterns = new ArrayList<>();
      for (Resource manifest : new PathMatchingResourcePatternResolver().getResources("classpath*:adapters/*/manifest.yaml")) {
        String url = manifest.getURL().toString();
        String folder = url.substring(0, url.lastIndexOf('/'));
        String adapter = folder.substring(folder.lastIndexOf('/') + 1);
        patterns.add("classpath:adapters/" + adapter + "/" + adapter + ".camel.yaml");
      }
      return patterns.stream().distinct().sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot list the adapters", e);
    }
  }

  private static void createDirectory(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot create routes directory " + dir, e);
    }
  }

  /** As Spring Boot decides it: a management port that is set, not negative, and 0 or other than the server's. */
  static boolean managementHasItsOwnPort(ConfigurableEnvironment env) {
    Integer management = env.getProperty("management.server.port", Integer.class);
    if (management == null || management < 0) {
      return false;
    }
    Integer server = env.getProperty("server.port", Integer.class);
    return management == 0 || !management.equals(server == null ? 8080 : server);
  }

  /** A file in the routes directory named like a core route file ({@code pipeline.camel.yaml}, {@code llm.camel.yaml}) replaces it. */
  static List<String> overriddenCoreRoutes(Path routesDir) {
    List<String> excluded = new ArrayList<>();
    if (!Files.isDirectory(routesDir)) {
      return excluded;
    }
    try (Stream<Path> files = Files.list(routesDir)) {
      files
          .map(p -> p.getFileName().toString())
          .forEach(name -> CORE_ROUTE_FILES.stream()
              .filter(core -> core.equals(name) || core.endsWith("/" + name))
              .forEach(core -> excluded.add("classpath:routes/" + core)));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot list routes directory " + routesDir, e);
    }
    return excluded;
  }

  @Override
  public int getOrder() {
    // after the config files (switchboard.yaml) have been loaded
    return Ordered.LOWEST_PRECEDENCE;
  }
}
