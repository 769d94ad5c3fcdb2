package io.switchboard.config;

import java.nio.file.Path;
import java.time.Duration;
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
    Api api) {

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
