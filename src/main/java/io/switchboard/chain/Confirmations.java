package io.switchboard.chain;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Tool calls held for a human's decision, in the shared store: decided once, from whichever instance. */
@Component
public class Confirmations {

  public static final String PENDING = "PENDING";
  public static final String CONFIRMED = "CONFIRMED";
  public static final String CANCELLED = "CANCELLED";
  public static final String EXPIRED = "EXPIRED";

  /** One held call: who may decide, what would run, and the event that runs it once confirmed. */
  public record Confirmation(String id, String callId, String chainId, String conversationKey, String userKey, String tool, String arguments,
      String requestEvent, String status, OffsetDateTime expiresAt) {}

  private static final RowMapper<Confirmation> ROW = (rs, n) -> new Confirmation(rs.getString("id"), rs.getString("call_id"),
      rs.getString("chain_id"), rs.getString("conversation_key"), rs.getString("user_key"), rs.getString("tool"), rs.getString("arguments"),
      rs.getString("request_event"), rs.getString("status"), rs.getObject("expires_at", OffsetDateTime.class));
  /** Ids users type: no 0/O or 1/l to misread. */
  private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;

  public Confirmations(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Holds a call; a call held before (its step processed again) keeps its confirmation. */
  public Confirmation hold(ChainStore.Call call, String conversationKey, String userKey, String requestEvent, OffsetDateTime expiresAt) {
    Optional<Confirmation> held = byCall(call.id());
    if (held.isPresent()) {
      return held.get();
    }
    String id = newId();
    jdbc.sql("INSERT INTO confirmations (id, call_id, chain_id, conversation_key, user_key, tool, arguments, request_event, status, expires_at,"
            + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(id, call.id(), call.chainId(), conversationKey, userKey, call.tool(), call.arguments(), requestEvent, PENDING, expiresAt, now())
        .update();
    return find(id).orElseThrow();
  }

  public Optional<Confirmation> find(String id) {
    return jdbc.sql("SELECT * FROM confirmations WHERE id = ?").param(id.toLowerCase(java.util.Locale.ROOT)).query(ROW).optional();
  }

  public Optional<Confirmation> byCall(String callId) {
    return jdbc.sql("SELECT * FROM confirmations WHERE call_id = ?").param(callId).query(ROW).optional();
  }

  /** Decides a pending confirmation; false when it was decided (or expired) already, here or on another instance. */
  public boolean decide(String id, String status, String by) {
    return jdbc.sql("UPDATE confirmations SET status = ?, decided_by = ? WHERE id = ? AND status = ?")
            .params(status, by, id, PENDING)
            .update()
        == 1;
  }

  /** The pending confirmations of a conversation, oldest first. */
  public List<Confirmation> pending(String conversationKey) {
    return jdbc.sql("SELECT * FROM confirmations WHERE conversation_key = ? AND status = ? ORDER BY created_at")
        .params(conversationKey, PENDING)
        .query(ROW)
        .list();
  }

  /** Pending confirmations past their expiry. */
  public List<Confirmation> expired() {
    return jdbc.sql("SELECT * FROM confirmations WHERE status = ? AND expires_at < ?").params(PENDING, now()).query(ROW).list();
  }

  private static String newId() {
    StringBuilder id = new StringBuilder(6);
    for (int i = 0; i < 6; i++) {
      id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
