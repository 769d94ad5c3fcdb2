package io.switchboard.agent;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The opt-in answer cache of agents ({@code cache: {ttl: 1h}}): an answer is reused for a request that is the same in
 * everything the model would see (the agent, its models, the temperature, the messages with the history), on any
 * instance, since it lives in the shared database; kept for its time to live, at most {@code max-entries} per agent.
 */
@Component
public class CallCache {

  /** A cached answer and the model that gave it. */
  public record Hit(String answer, String model) {}

  private final JdbcClient jdbc;
  private final MeterRegistry meters;

  public CallCache(JdbcClient jdbc, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.meters = meters;
  }

  /** The key of a request: a SHA-256 over its parts, each length-prefixed so that no two requests share one. */
  public static String key(Agent agent, List<String> models, List<String> messages) {
    StringBuilder canonical = new StringBuilder();
    for (String part : concat(List.of(agent.name(), String.valueOf(agent.temperature())), models, messages)) {
      canonical.append(part.length()).append(':').append(part).append('\n');
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public Optional<Hit> find(Agent agent, String key) {
    Optional<Hit> hit = jdbc.sql("SELECT answer, model FROM model_cache WHERE cache_key = ? AND expires_at > ?")
        .params(key, OffsetDateTime.now(ZoneOffset.UTC))
        .query((rs, n) -> new Hit(rs.getString(1), rs.getString(2)))
        .optional();
    meters.counter("switchboard.model.cache", "agent", agent.name(), "result", hit.isPresent() ? "hit" : "miss").increment();
    return hit;
  }

  /** Stores an answer, then trims the agent's entries to the newest {@code max-entries} that have not expired. */
  public void store(Agent agent, String key, String answer, String model) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    jdbc.sql("DELETE FROM model_cache WHERE cache_key = ?").param(key).update();
    try {
      jdbc.sql("INSERT INTO model_cache (cache_key, agent, answer, model, stored_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")
          .params(key, agent.name(), answer, model, now, now.plus(agent.cacheTtl()))
          .update();
    } catch (DuplicateKeyException storedMeanwhile) {
      return; // another instance stored the same answer a moment ago
    }
    jdbc.sql("DELETE FROM model_cache WHERE agent = ? AND expires_at <= ?").params(agent.name(), now).update();
    jdbc.sql("SELECT stored_at FROM model_cache WHERE agent = ? ORDER BY stored_at DESC OFFSET ? ROWS FETCH FIRST 1 ROWS ONLY")
        .params(agent.name(), agent.cacheEntries())
        .query(OffsetDateTime.class)
        .optional()
        .ifPresent(oldestKept -> jdbc.sql("DELETE FROM model_cache WHERE agent = ? AND stored_at <= ?").params(agent.name(), oldestKept).update());
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
  }
}
