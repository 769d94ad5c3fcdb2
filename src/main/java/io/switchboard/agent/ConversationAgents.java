package io.switchboard.agent;

import io.switchboard.kernel.Session;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which agent a conversation talks to and the parameters it set for it, in the database every instance shares: a
 * choice holds across restarts and whichever instance takes the next message.
 */
@Component
public class ConversationAgents {

  private final JdbcClient jdbc;
  private final AgentRegistry registry;
  private final TransactionTemplate transactions;

  public ConversationAgents(JdbcClient jdbc, AgentRegistry registry, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.registry = registry;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  /**
   * The agent that answers this user in this session, with the session's parameters over it: the session's agent
   * when this user may use it (another member of a group may not), else the default agent.
   */
  public Agent of(Session session, String userKey) {
    return of(session, null, userKey);
  }

  /**
   * The agent {@code named} for one turn (an {@code @name} message, a chain's), or the session's when null; the
   * session's parameters apply to the session's agent only. Without a session (a feed item summarized for its
   * subscribers) it is the named agent or the default.
   */
  public Agent of(Session session, String named, String userKey) {
    Agent chosen = chosen(session, named, userKey);
    return session != null && chosen.name().equals(session.agent()) ? chosen.with(parameters(session.id())) : chosen;
  }

  /** The agent {@link #of} picks, without the session's parameters: what a turn needs to know only its runner. */
  public Agent chosen(Session session, String named, String userKey) {
    String name = named != null ? named : session == null ? Agent.DEFAULT : session.agent();
    Agent chosen = registry.get(name);
    return chosen.usableBy(userKey) ? chosen : registry.get(Agent.DEFAULT);
  }

  /** Switches the session to another agent; its parameters were for the one before, so they go. */
  public void use(String sessionId, String agentName) {
    transactions.executeWithoutResult(status -> {
      jdbc.sql("UPDATE sessions SET agent = ? WHERE id = ?").params(agentName, sessionId).update();
      jdbc.sql("DELETE FROM session_parameters WHERE session_id = ?").param(sessionId).update();
    });
  }

  public Map<Parameter, String> parameters(String sessionId) {
    Map<Parameter, String> parameters = new EnumMap<>(Parameter.class);
    jdbc.sql("SELECT parameter, setting FROM session_parameters WHERE session_id = ?").param(sessionId)
        .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list()
        .forEach(row -> Parameter.of(row.getKey()).ifPresent(p -> parameters.put(p, row.getValue())));
    return parameters;
  }

  public void set(String sessionId, Parameter parameter, String value) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    transactions.executeWithoutResult(status -> {
      if (jdbc.sql("UPDATE session_parameters SET setting = ?, set_at = ? WHERE session_id = ? AND parameter = ?")
          .params(value, now, sessionId, parameter.key()).update() == 0) {
        jdbc.sql("INSERT INTO session_parameters (session_id, parameter, setting, set_at) VALUES (?, ?, ?, ?)")
            .params(sessionId, parameter.key(), value, now).update();
      }
    });
  }

  public void reset(String sessionId) {
    jdbc.sql("DELETE FROM session_parameters WHERE session_id = ?").param(sessionId).update();
  }
}
