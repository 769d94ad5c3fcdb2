package io.switchboard.store;

import io.switchboard.kernel.StoredMessage;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class MessageRepository {

  private static final RowMapper<StoredMessage> ROW =
      (rs, i) ->
          new StoredMessage(
              rs.getLong("id"),
              rs.getString("event_id"),
              rs.getString("role"),
              rs.getString("text"),
              rs.getString("model"),
              (Integer) rs.getObject("prompt_tokens"),
              (Integer) rs.getObject("completion_tokens"),
              rs.getObject("created_at", OffsetDateTime.class));

  private final JdbcClient jdbc;

  public MessageRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public long add(String sessionId, String eventId, String role, String text, String model, Integer prompt, Integer completion) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO messages (session_id, event_id, role, text, model, prompt_tokens, completion_tokens, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(sessionId, eventId, role, text, model, prompt, completion, SessionRepository.now())
        .update(key, "id");
    return key.getKey().longValue();
  }

  /** A push to the session, once: its row's id (the same one again for a push delivered twice). */
  public long addPush(String sessionId, String eventId, String text) {
    try {
      return add(sessionId, eventId, StoredMessage.PUSH, text, null, null, null);
    } catch (DuplicateKeyException delivered) {
      return jdbc.sql("SELECT id FROM messages WHERE session_id = ? AND event_id = ? AND role = ?").params(sessionId, eventId, StoredMessage.PUSH)
          .query(Long.class).single();
    }
  }

  /** The session's pushes after the row {@code afterId}, oldest first (at most {@code limit}). */
  public List<StoredMessage> pushesAfter(String sessionId, long afterId, int limit) {
    return jdbc.sql("SELECT * FROM messages WHERE session_id = ? AND role = ? AND id > ? ORDER BY id FETCH FIRST ? ROWS ONLY")
        .params(sessionId, StoredMessage.PUSH, afterId, limit).query(ROW).list();
  }

  /** Whether the session holds the entry an event left in this role (one event, one entry per role). */
  public boolean has(String sessionId, String eventId, String role) {
    return jdbc.sql("SELECT COUNT(*) FROM messages WHERE session_id = ? AND event_id = ? AND role = ?").params(sessionId, eventId, role)
        .query(Integer.class).single() > 0;
  }

  /** The whole history, oldest first. */
  public List<StoredMessage> history(String sessionId) {
    return jdbc.sql("SELECT * FROM messages WHERE session_id = ? ORDER BY id").param(sessionId).query(ROW).list();
  }

  /** The newest {@code limit} user and assistant messages after {@code from} (null: all), oldest first: what the model is shown. */
  public List<StoredMessage> recent(String sessionId, OffsetDateTime from, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    List<StoredMessage> newestFirst =
        jdbc.sql(
                "SELECT * FROM messages WHERE session_id = ? AND role IN ('user', 'assistant')"
                    + " AND (CAST(? AS TIMESTAMP WITH TIME ZONE) IS NULL OR created_at >= ?)"
                    + " ORDER BY id DESC FETCH FIRST ? ROWS ONLY")
            .params(sessionId, from, from, limit)
            .query(ROW)
            .list();
    List<StoredMessage> oldestFirst = new ArrayList<>(newestFirst);
    Collections.reverse(oldestFirst);
    return oldestFirst;
  }
}
