package io.switchboard.subscription;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Subscriptions: {@code kind:source → platform:bot:chat}. Indexed both ways: by source for the fan-out, by target for
 * {@code subs}.
 */
@Repository
public class Subscriptions {

  public static final String RSS = "rss";
  public static final String TOPIC = "topic";

  public record Subscription(long id, String kind, String sourceKey, String target, String chatType, boolean summarize, Duration interval) {}

  private static final String COLUMNS = "id, kind, source_key, target, chat_type, summarize, interval_ms";

  private final JdbcClient jdbc;

  public Subscriptions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** @return the new subscription, or the existing one for the same source and target */
  public Subscription add(String kind, String sourceKey, String target, String chatType, boolean summarize, Duration interval, String createdBy) {
    try {
      jdbc.sql("INSERT INTO subscriptions (kind, source_key, target, chat_type, summarize, interval_ms, created_by, created_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
          .params(kind, sourceKey, target, chatType, summarize, interval == null ? null : interval.toMillis(), createdBy, Feeds.now())
          .update();
    } catch (DuplicateKeyException already) {
      // subscribing twice is harmless: the existing subscription is returned
    }
    return jdbc.sql("SELECT " + COLUMNS + " FROM subscriptions WHERE kind = ? AND source_key = ? AND target = ?")
        .params(kind, sourceKey, target)
        .query(Subscriptions::row)
        .single();
  }

  /** Fan-out: who follows this source. */
  public List<Subscription> bySource(String kind, String sourceKey) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM subscriptions WHERE kind = ? AND source_key = ? ORDER BY id")
        .params(kind, sourceKey).query(Subscriptions::row).list();
  }

  /** {@code subs}: what this chat follows. */
  public List<Subscription> byTarget(String target) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM subscriptions WHERE target = ? ORDER BY id").param(target).query(Subscriptions::row).list();
  }

  public Optional<Subscription> byId(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM subscriptions WHERE id = ?").param(id).query(Subscriptions::row).optional();
  }

  public boolean delete(long id) {
    return jdbc.sql("DELETE FROM subscriptions WHERE id = ?").param(id).update() == 1;
  }

  private static Subscription row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    long interval = rs.getLong("interval_ms");
    return new Subscription(rs.getLong("id"), rs.getString("kind"), rs.getString("source_key"), rs.getString("target"),
        rs.getString("chat_type"), rs.getBoolean("summarize"), rs.wasNull() ? null : Duration.ofMillis(interval));
  }
}
