package io.switchboard.subscription;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Feeds (one row per URL, however many follow it), their poll schedule and lease, and the items already seen. */
@Repository
public class Feeds {

  public record Feed(long id, String url, String title, Duration interval, int failures, String lastError, boolean failureTold) {}

  private static final String COLUMNS = "id, url, title, interval_ms, failures, last_error, failure_told";

  private final JdbcClient jdbc;

  public Feeds(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The feed of this URL, created on first use; its interval shortened when a new follower asks for a shorter one. */
  public Feed findOrCreate(String url, String title, Duration interval) {
    String hash = FeedFetcher.sha256(url);
    Optional<Feed> existing = byHash(hash);
    if (existing.isEmpty()) {
      try {
        jdbc.sql("INSERT INTO feeds (url, url_hash, title, interval_ms, next_poll_at, created_at) VALUES (?, ?, ?, ?, ?, ?)")
            .params(url, hash, title, interval.toMillis(), now().plus(interval), now())
            .update();
      } catch (DuplicateKeyException raced) {
        // another instance created it at the same moment
      }
      return byHash(hash).orElseThrow();
    }
    if (interval.compareTo(existing.get().interval()) < 0) {
      jdbc.sql("UPDATE feeds SET interval_ms = ? WHERE id = ?").params(interval.toMillis(), existing.get().id()).update();
    }
    return byHash(hash).orElseThrow();
  }

  public Optional<Feed> byId(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM feeds WHERE id = ?").param(id).query(Feeds::row).optional();
  }

  public Optional<Feed> byUrl(String url) {
    return byHash(FeedFetcher.sha256(url));
  }

  private Optional<Feed> byHash(String hash) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM feeds WHERE url_hash = ?").param(hash).query(Feeds::row).optional();
  }

  /**
   * Leases the feeds due now for {@code lease}: an UPDATE per feed that succeeds for one instance only, so a feed is
   * fetched once across instances.
   */
  public List<Feed> leaseDue(Duration lease, int max) {
    OffsetDateTime now = now();
    List<Long> due = jdbc.sql("SELECT id FROM feeds WHERE next_poll_at <= ? AND (leased_until IS NULL OR leased_until < ?) ORDER BY next_poll_at")
        .params(now, now)
        .query(Long.class)
        .list();
    return due.stream()
        .limit(max)
        .filter(id -> jdbc.sql("UPDATE feeds SET leased_until = ? WHERE id = ? AND (leased_until IS NULL OR leased_until < ?)")
            .params(now.plus(lease), id, now).update() == 1)
        .map(id -> byId(id).orElseThrow())
        .toList();
  }

  /** A successful poll: the next one after the interval, failures forgotten. @return whether failures had been told */
  public void polled(Feed feed, String title) {
    jdbc.sql("UPDATE feeds SET next_poll_at = ?, leased_until = NULL, failures = 0, last_error = NULL, failure_told = FALSE,"
            + " title = COALESCE(?, title) WHERE id = ?")
        .params(now().plus(feed.interval()), title, feed.id())
        .update();
  }

  /** A failed poll: backs off exponentially (interval × 2^failures, at most 6 h). */
  public void failed(Feed feed, String reason, Duration backoff) {
    jdbc.sql("UPDATE feeds SET next_poll_at = ?, leased_until = NULL, failures = failures + 1, last_error = ? WHERE id = ?")
        .params(now().plus(backoff), reason.length() > 500 ? reason.substring(0, 500) : reason, feed.id())
        .update();
  }

  /** Marks the failure as told to the subscribers; false when it already was (another instance, an earlier poll). */
  public boolean claimFailureNotice(long feedId) {
    return jdbc.sql("UPDATE feeds SET failure_told = TRUE WHERE id = ? AND failure_told = FALSE").param(feedId).update() == 1;
  }

  /** The hashes among {@code hashes} not seen before for this feed. */
  public Set<String> unseen(long feedId, Collection<String> hashes) {
    Set<String> seen = jdbc.sql("SELECT item_hash FROM feed_items WHERE feed_id = ?").param(feedId).query(String.class).list()
        .stream().collect(Collectors.toSet());
    return hashes.stream().filter(h -> !seen.contains(h)).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
  }

  public void markSeen(long feedId, Collection<String> hashes) {
    for (String hash : hashes) {
      try {
        jdbc.sql("INSERT INTO feed_items (feed_id, item_hash, seen_at) VALUES (?, ?, ?)").params(feedId, hash, now()).update();
      } catch (DuplicateKeyException alreadySeen) {
        // marked by an earlier, interrupted poll
      }
    }
  }

  /** Removes a feed nobody follows any more (its items go with it). */
  public void deleteIfUnfollowed(long feedId) {
    jdbc.sql("DELETE FROM feeds WHERE id = ? AND NOT EXISTS (SELECT 1 FROM subscriptions WHERE kind = 'rss' AND source_key = ?)")
        .params(feedId, String.valueOf(feedId))
        .update();
  }

  private static Feed row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    return new Feed(rs.getLong("id"), rs.getString("url"), rs.getString("title"), Duration.ofMillis(rs.getLong("interval_ms")),
        rs.getInt("failures"), rs.getString("last_error"), rs.getBoolean("failure_told"));
  }

  static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
