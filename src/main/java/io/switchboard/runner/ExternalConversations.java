package io.switchboard.runner;

import io.switchboard.kernel.Session;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The conversations that agent services keep themselves (a Dify {@code conversation_id}, a Coze conversation), one
 * per Switchboard conversation and agent, in the database: they hold across restarts and instances. One that began
 * before the conversation's last {@code /reset} is over: the service is asked to begin a new one.
 */
@Component
public class ExternalConversations {

  private final JdbcClient jdbc;

  public ExternalConversations(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The service's id of this conversation with that agent, unless there is none yet or it began before a reset. */
  public Optional<String> current(Session session, String agent) {
    record Row(String externalId, OffsetDateTime startedAt) {}
    Optional<Row> row = jdbc.sql("SELECT external_id, started_at FROM external_conversations WHERE session_id = ? AND agent = ?")
        .params(session.id(), agent).query((rs, n) -> new Row(rs.getString(1), rs.getObject(2, OffsetDateTime.class))).optional();
    return row.filter(r -> session.historyFrom() == null || !r.startedAt().isBefore(session.historyFrom())).map(Row::externalId);
  }

  /** Keeps the service's id; an id already kept keeps the time it began. */
  public void remember(String sessionId, String agent, String externalId) {
    int kept = jdbc.sql("UPDATE external_conversations SET external_id = ?,"
            + " started_at = CASE WHEN external_id = ? THEN started_at ELSE ? END WHERE session_id = ? AND agent = ?")
        .params(externalId, externalId, now(), sessionId, agent).update();
    if (kept == 0) {
      // a conversation is handled by one consumer at a time (its shard), so nobody inserts it meanwhile
      jdbc.sql("INSERT INTO external_conversations (session_id, agent, external_id, started_at) VALUES (?, ?, ?, ?)")
          .params(sessionId, agent, externalId, now()).update();
    }
  }

  /** The service no longer knows it: the next message begins a new one. */
  public void forget(String sessionId, String agent) {
    jdbc.sql("DELETE FROM external_conversations WHERE session_id = ? AND agent = ?").params(sessionId, agent).update();
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
