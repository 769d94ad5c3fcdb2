package io.switchboard.limits;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Counters shared by every instance, in the database: one row per key and window. The increment is a single UPDATE
 * (or the INSERT of the first hit), so two instances counting at once never lose a hit.
 */
@Repository
public class UsageCounters {

  private final JdbcClient jdbc;

  public UsageCounters(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Adds one hit to the key's window and returns the window's count, this hit included. */
  public long increment(String key, long windowStart, Instant expiresAt) {
    for (int attempt = 0; attempt < 3; attempt++) {
      if (jdbc.sql("UPDATE usage_counters SET hits = hits + 1 WHERE counter_key = ? AND window_start = ?").params(key, windowStart).update() == 0) {
        try {
          jdbc.sql("INSERT INTO usage_counters (counter_key, window_start, hits, expires_at) VALUES (?, ?, 1, ?)")
              .params(key, windowStart, OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC))
              .update();
          return 1;
        } catch (DuplicateKeyException raced) {
          continue; // another instance inserted the first hit: count on top of it
        }
      }
      return count(key, windowStart);
    }
    throw new IllegalStateException("cannot count " + key);
  }

  public long count(String key, long windowStart) {
    return jdbc.sql("SELECT hits FROM usage_counters WHERE counter_key = ? AND window_start = ?")
        .params(key, windowStart)
        .query(Long.class)
        .optional()
        .orElse(0L);
  }

  /** Takes back a hit that was refused, so a refused message does not use up the next allowance. */
  public void decrement(String key, long windowStart) {
    jdbc.sql("UPDATE usage_counters SET hits = hits - 1 WHERE counter_key = ? AND window_start = ? AND hits > 0").params(key, windowStart).update();
  }

  /** Forgets windows that are over (the maintenance route). */
  public int purgeExpired() {
    return jdbc.sql("DELETE FROM usage_counters WHERE expires_at < ?").param(OffsetDateTime.now(ZoneOffset.UTC)).update();
  }
}
