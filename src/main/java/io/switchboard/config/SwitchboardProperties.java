package io.switchboard.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Every {@code switchboard.*} setting. Defaults live in {@code application.properties}, so that
 * {@code switchboard config} shows them too.
 */
@ConfigurationProperties("switchboard")
public record SwitchboardProperties(
    Path dataDir,
    Path routesDir,
    String instanceId,
    Broker broker,
    Db db,
    Llm llm,
    Pipeline pipeline,
    Api api,
    List<Bot> bots) {

  public SwitchboardProperties {
    bots = bots == null ? List.of() : List.copyOf(bots);
  }

  /**
   * A bot: one instance of a platform adapter, with its own id and credentials (see adapters/), and the agent its
   * new conversations talk to ({@code default} when it names none).
   */
  public record Bot(String id, String adapter, String mode, Map<String, String> config, String agent) {
    public Bot {
      config = config == null ? Map.of() : Map.copyOf(config);
    }
  }

  public record Broker(String url, int embeddedPort) {
    public boolean embedded() {
      return url == null || url.isBlank();
    }
  }

  public record Db(String url, String username, String password) {}

  public record Llm(
      String baseUrl,
      String apiKey,
      String model,
      Double temperature,
      int historySize,
      String systemPrompt,
      Duration timeout) {}

  public record Pipeline(int shards, int prefetch, int maxRedeliveries, Duration redeliveryDelay) {}

  public record Api(Duration replyTimeout, int maxInFlight) {}
}
