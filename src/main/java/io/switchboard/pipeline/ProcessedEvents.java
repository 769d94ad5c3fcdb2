package io.switchboard.pipeline;

import io.switchboard.config.SwitchboardProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The cluster-wide record of processed events, behind Camel's idempotent consumer.
 *
 * <ul>
 *   <li>{@code add} is an atomic claim: the primary key lets exactly one instance insert the row.
 *   <li>{@code remove} releases the claim when processing fails, so a redelivery is processed again.
 *   <li>{@code confirm} marks it done: later copies are skipped.
 *   <li>A claim still CLAIMED by another instance belongs to one that lost the delivery mid-way (it died, or its
 *       connection did): the broker only redelivers a message once its consumer is gone, and one conversation is
 *       consumed by one instance at a time (single active consumer), so the claim is taken over and the event processed.
 *       A claim held by this instance is work still in progress here; the copy is skipped.
 * </ul>
 */
@Component("processedEvents")
public class ProcessedEvents extends ServiceSupport implements IdempotentRepository {

  private static final String CLAIMED = "CLAIMED";
  private static final String DONE = "DONE";

  private final JdbcClient jdbc;
  private final String instanceId;

  public ProcessedEvents(JdbcClient jdbc, SwitchboardProperties properties) {
    this.jdbc = jdbc;
    this.instanceId = properties.instanceId();
  }

  @Override
  public boolean add(String key) {
    String hashed = hash(key);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    try {
      jdbc.sql("INSERT INTO processed_events (event_key, status, claimed_by, claimed_at) VALUES (?, ?, ?, ?)")
          .params(hashed, CLAIMED, instanceId, now)
          .update();
      return true;
    } catch (DuplicateKeyException alreadyClaimed) {
      int takenOver =
          jdbc.sql(
                  "UPDATE processed_events SET claimed_by = ?, claimed_at = ?"
                      + " WHERE event_key = ? AND status = ? AND claimed_by <> ?")
              .params(instanceId, now, hashed, CLAIMED, instanceId)
              .update();
      return takenOver == 1;
    }
  }

  @Override
  public boolean contains(String key) {
    return jdbc.sql("SELECT COUNT(*) FROM processed_events WHERE event_key = ?")
            .param(hash(key))
            .query(Integer.class)
            .single()
        > 0;
  }

  @Override
  public boolean remove(String key) {
    return jdbc.sql("DELETE FROM processed_events WHERE event_key = ? AND status = ?")
            .params(hash(key), CLAIMED)
            .update()
        > 0;
  }

  /** Forgets an event whatever its state, so that a replayed dead letter is processed again. */
  public void forget(String key) {
    jdbc.sql("DELETE FROM processed_events WHERE event_key = ?").param(hash(key)).update();
  }

  @Override
  public boolean confirm(String key) {
    return jdbc.sql("UPDATE processed_events SET status = ? WHERE event_key = ?").params(DONE, hash(key)).update() > 0;
  }

  /**
   * Forgets events done longer ago than the retention (run hourly by the dedupe-retention route). The retention must
   * outlast every platform's retry window: Feishu re-pushes for 7.1 hours; the default keeps 7 days.
   */
  public int purgeDoneBefore(OffsetDateTime before) {
    return jdbc.sql("DELETE FROM processed_events WHERE status = ? AND claimed_at < ?").params(DONE, before).update();
  }

  /** @param retention in Spring's duration syntax ({@code 7d}, {@code 12h}, {@code PT8H}), as configured */
  public int purgeExpired(String retention) {
    Duration kept = DurationStyle.detectAndParse(retention);
    return purgeDoneBefore(OffsetDateTime.now(ZoneOffset.UTC).minus(kept));
  }

  @Override
  public void clear() {
    jdbc.sql("DELETE FROM processed_events").update();
  }

  /** Source and id can be long (URLs); a SHA-256 keeps the key a fixed 64 characters. */
  static String hash(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
