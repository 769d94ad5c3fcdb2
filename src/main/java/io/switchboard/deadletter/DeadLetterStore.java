package io.switchboard.deadletter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.pipeline.DeadLetters;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Keeps what arrives on {@code sb.dead}, so operators can list and replay it. */
@Component("deadLetterStore")
public class DeadLetterStore {

  public record DeadLetter(
      String id,
      String eventId,
      String reason,
      String failedIn,
      String sourceExchange,
      String routingKey,
      String producer,
      String body,
      OffsetDateTime createdAt,
      OffsetDateTime replayedAt) {

    /** The letter as a listing shows it: the body cut to {@code maxChars}, users' messages are in there. */
    public DeadLetter truncated(int maxChars) {
      return body == null || body.length() <= maxChars ? this
          : new DeadLetter(id, eventId, reason, failedIn, sourceExchange, routingKey, producer, body.substring(0, maxChars) + "…", createdAt, replayedAt);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RowMapper<DeadLetter> ROW =
      (rs, i) ->
          new DeadLetter(
              rs.getString("id"),
              rs.getString("event_id"),
              rs.getString("reason"),
              rs.getString("failed_in"),
              rs.getString("source_exchange"),
              rs.getString("routing_key"),
              rs.getString("producer"),
              rs.getString("body"),
              rs.getObject("created_at", OffsetDateTime.class),
              rs.getObject("replayed_at", OffsetDateTime.class));

  private final JdbcClient jdbc;

  public DeadLetterStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void save(Exchange exchange) {
    var message = exchange.getMessage();
    String body = message.getBody(String.class);
    jdbc.sql(
            "INSERT INTO dead_letters (id, event_id, reason, failed_in, source_exchange, routing_key, producer, body, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            UUID.randomUUID().toString(),
            eventId(body),
            message.getHeader(DeadLetters.REASON_HEADER, "unknown", String.class),
            message.getHeader(DeadLetters.FAILED_IN_HEADER, String.class),
            message.getHeader(DeadLetters.EXCHANGE_HEADER, String.class),
            message.getHeader(DeadLetters.ROUTING_KEY_HEADER, String.class),
            message.getHeader(DeadLetters.PRODUCER_HEADER, String.class),
            body == null ? "" : body,
            OffsetDateTime.now(ZoneOffset.UTC))
        .update();
  }

  public List<DeadLetter> list(int limit) {
    return jdbc.sql("SELECT * FROM dead_letters ORDER BY created_at DESC, id FETCH FIRST ? ROWS ONLY")
        .param(limit)
        .query(ROW)
        .list();
  }

  public Optional<DeadLetter> find(String id) {
    return jdbc.sql("SELECT * FROM dead_letters WHERE id = ?").param(id).query(ROW).optional();
  }

  /**
   * Claims a letter for replay: true once (or every time with {@code force}), so two operators or a double click
   * never replay one letter twice.
   */
  public boolean claimReplay(String id, boolean force) {
    String sql = "UPDATE dead_letters SET replayed_at = ? WHERE id = ?" + (force ? "" : " AND replayed_at IS NULL");
    return jdbc.sql(sql).params(OffsetDateTime.now(ZoneOffset.UTC), id).update() == 1;
  }

  /** Undoes a claim whose replay could not be published, so it can be tried again. */
  public void releaseReplay(String id, OffsetDateTime previous) {
    jdbc.sql("UPDATE dead_letters SET replayed_at = ? WHERE id = ?").params(previous, id).update();
  }

  /** The event id, when the body is JSON enough to have one; for listing only. */
  static String eventId(String body) {
    if (body == null) {
      return null;
    }
    try {
      JsonNode id = JSON.readTree(body).path("id");
      return id.isTextual() && id.asText().length() <= 256 ? id.asText() : null;
    } catch (JsonProcessingException notJson) {
      return null;
    }
  }
}
