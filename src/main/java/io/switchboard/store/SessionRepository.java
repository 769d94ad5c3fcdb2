package io.switchboard.store;

import io.switchboard.envelope.ConversationKey;
import io.switchboard.kernel.Session;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class SessionRepository {

  private static final RowMapper<Session> ROW =
      (rs, i) ->
          new Session(
              rs.getString("id"),
              rs.getString("conversation_key"),
              rs.getString("platform"),
              rs.getString("bot"),
              rs.getString("chat_id"),
              rs.getString("user_id"),
              rs.getString("agent"),
              rs.getObject("created_at", OffsetDateTime.class),
              rs.getObject("history_from", OffsetDateTime.class));

  private final JdbcClient jdbc;

  public SessionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A session whose chat id is its own id, as the API and terminal channels create them. */
  public Session create(String platform, String bot, String userId, String agent) {
    String id = UUID.randomUUID().toString();
    return insert(id, new ConversationKey(platform, bot, id), userId, agent);
  }

  public Optional<Session> find(String id) {
    return jdbc.sql("SELECT * FROM sessions WHERE id = ?").param(id).query(ROW).optional();
  }

  public Optional<Session> findByConversation(ConversationKey key) {
    return jdbc.sql("SELECT * FROM sessions WHERE conversation_key = ?").param(key.toString()).query(ROW).optional();
  }

  /** The session of a conversation, created on its first message; safe when two instances race. */
  public Session findOrCreate(ConversationKey key, String userId, String agent) {
    return findByConversation(key)
        .orElseGet(
            () -> {
              try {
                return insert(UUID.randomUUID().toString(), key, userId, agent);
              } catch (DuplicateKeyException raced) {
                return findByConversation(key).orElseThrow();
              }
            });
  }

  public List<Session> findByUser(String userId, String platform) {
    return jdbc.sql(
            "SELECT * FROM sessions WHERE user_id = ? AND (CAST(? AS VARCHAR(64)) IS NULL OR platform = ?)"
                + " ORDER BY created_at, id")
        .params(userId, platform, platform)
        .query(ROW)
        .list();
  }

  /** Starts a fresh conversation: earlier messages stay in the history but no longer reach the model. */
  /** The last push the session's event stream sent (a history row's id; 0 before any). */
  public long pushesSeen(String sessionId) {
    return jdbc.sql("SELECT pushes_seen FROM sessions WHERE id = ?").param(sessionId).query(Long.class).optional().orElse(0L);
  }

  /** The session's event stream sent pushes up to this row: it never moves back. */
  public void pushesSeen(String sessionId, long upTo) {
    jdbc.sql("UPDATE sessions SET pushes_seen = ? WHERE id = ? AND pushes_seen < ?").params(upTo, sessionId, upTo).update();
  }

  public void resetHistory(String sessionId) {
    jdbc.sql("UPDATE sessions SET history_from = ? WHERE id = ?").params(now(), sessionId).update();
  }

  private Session insert(String id, ConversationKey key, String userId, String agent) {
    OffsetDateTime now = now();
    jdbc.sql(
            "INSERT INTO sessions (id, conversation_key, platform, bot, chat_id, user_id, agent, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(id, key.toString(), key.platform(), key.bot(), key.chatId(), userId, agent, now)
        .update();
    return new Session(id, key.toString(), key.platform(), key.bot(), key.chatId(), userId, agent, now, null);
  }

  static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
