package io.switchboard.chain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chains and their tool calls, in the database every instance shares: a chain resumes wherever its next event is
 * consumed, and a call's result is stored once, by the call's stable id.
 */
@Component
public class ChainStore {

  public static final String RUNNING = "RUNNING";
  public static final String DONE = "DONE";
  /** Stopped by a limit (steps, depth) or a failure: the user was told. */
  public static final String ENDED = "ENDED";

  /**
   * A chain: the user's event that started it, the model's conversation so far, and how many steps it took. A
   * {@code direct} chain is one call a command asked for, answered with its result ({@link DirectCalls}).
   */
  public record Chain(String id, String sessionId, String agent, String rootEvent, String messages, int step, String status,
      OffsetDateTime createdAt, boolean direct) {}

  /** One call: its place in the chain, what the model asked, and once it ran, what it returned. */
  public record Call(String id, String chainId, int step, int position, String requestId, String tool, String arguments, String result,
      Boolean failed, Long durationMs, String files) {

    public Call(String id, String chainId, int step, int position, String requestId, String tool, String arguments) {
      this(id, chainId, step, position, requestId, tool, arguments, null, null, null, null);
    }

    public boolean completed() {
      return result != null;
    }
  }

  private static final RowMapper<Chain> CHAIN = (rs, n) -> new Chain(rs.getString("id"), rs.getString("session_id"), rs.getString("agent"),
      rs.getString("root_event"), rs.getString("messages"), rs.getInt("step"), rs.getString("status"),
      rs.getObject("created_at", OffsetDateTime.class), rs.getBoolean("direct"));
  private static final RowMapper<Call> CALL = (rs, n) -> new Call(rs.getString("id"), rs.getString("chain_id"), rs.getInt("step"),
      rs.getInt("position"), rs.getString("request_id"), rs.getString("tool"), rs.getString("arguments"), rs.getString("result"),
      (Boolean) rs.getObject("failed"), (Long) rs.getObject("duration_ms"), rs.getString("files"));

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  public ChainStore(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  public Optional<Chain> find(String id) {
    return jdbc.sql("SELECT * FROM chains WHERE id = ?").param(id).query(CHAIN).optional();
  }

  /** Starts a chain, or starts it over when its user event is processed again (a replayed dead letter). */
  public void start(String id, String sessionId, String agent, String rootEvent, String messages, int step) {
    start(id, sessionId, agent, rootEvent, messages, step, false);
  }

  /** Starts a direct chain: one call, no model ({@link DirectCalls}). */
  public void startDirect(String id, String sessionId, String agent, String rootEvent) {
    start(id, sessionId, agent, rootEvent, "[]", 0, true);
  }

  private void start(String id, String sessionId, String agent, String rootEvent, String messages, int step, boolean direct) {
    OffsetDateTime now = now();
    try {
      jdbc.sql("INSERT INTO chains (id, session_id, agent, root_event, messages, step, status, created_at, updated_at, direct)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(id, sessionId, agent, rootEvent, messages, step, RUNNING, now, now, direct)
          .update();
    } catch (DuplicateKeyException again) {
      jdbc.sql("UPDATE chains SET messages = ?, step = ?, status = ?, updated_at = ? WHERE id = ?")
          .params(messages, step, RUNNING, now, id)
          .update();
    }
  }

  /** Tokens a step cost while its chain goes on: they are metered with the chain's answer. */
  public void carryTokens(String id, int prompt, int completion) {
    jdbc.sql("UPDATE chains SET prompt_tokens = prompt_tokens + ?, completion_tokens = completion_tokens + ? WHERE id = ?")
        .params(prompt, completion, id)
        .update();
  }

  /** The tokens carried so far: {@code [prompt, completion]}, zeros for no chain. */
  public int[] carriedTokens(String id) {
    return jdbc.sql("SELECT prompt_tokens, completion_tokens FROM chains WHERE id = ?").param(id)
        .query((rs, n) -> new int[] {rs.getInt(1), rs.getInt(2)})
        .optional()
        .orElse(new int[] {0, 0});
  }

  /**
   * The chain moves on to its next step: the model's conversation so far and the step's calls, in one transaction
   * (one commit, not one per row). A step recorded before (the same step processed again after a redelivery) keeps
   * its calls, with their results.
   */
  public void nextStep(String id, String messages, int step, List<Call> calls) {
    transactions.executeWithoutResult(status -> {
      jdbc.sql("UPDATE chains SET messages = ?, step = ?, updated_at = ? WHERE id = ?").params(messages, step, now(), id).update();
      int recorded = jdbc.sql("SELECT COUNT(*) FROM tool_calls WHERE chain_id = ? AND step = ?").params(id, step).query(Integer.class).single();
      if (recorded > 0) {
        return;
      }
      OffsetDateTime now = now();
      for (Call call : calls) {
        jdbc.sql("INSERT INTO tool_calls (id, chain_id, step, position, request_id, tool, arguments, requested_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            .params(call.id(), call.chainId(), call.step(), call.position(), call.requestId(), call.tool(), call.arguments(), now)
            .update();
      }
    });
  }

  public void finish(String id, String status) {
    jdbc.sql("UPDATE chains SET status = ?, updated_at = ? WHERE id = ?").params(status, now(), id).update();
  }

  public Optional<Call> call(String id) {
    return jdbc.sql("SELECT * FROM tool_calls WHERE id = ?").param(id).query(CALL).optional();
  }

  /** Counts a start of a call; returns how many starts it has had, this one included. */
  public int attempt(String callId) {
    jdbc.sql("UPDATE tool_calls SET attempts = attempts + 1 WHERE id = ?").param(callId).update();
    return jdbc.sql("SELECT attempts FROM tool_calls WHERE id = ?").param(callId).query(Integer.class).single();
  }

  /** Stores a call's result (and the files it produced, as JSON, or null) unless one is stored already; true when this one was. */
  public boolean complete(String callId, String result, String files, boolean failed, long durationMs) {
    return jdbc.sql("UPDATE tool_calls SET result = ?, files = ?, failed = ?, duration_ms = ?, completed_at = ? WHERE id = ? AND result IS NULL")
            .params(result, files, failed, durationMs, now(), callId)
            .update()
        == 1;
  }

  public List<Call> callsOf(String chainId, int step) {
    return jdbc.sql("SELECT * FROM tool_calls WHERE chain_id = ? AND step = ? ORDER BY position").params(chainId, step).query(CALL).list();
  }

  /** Every call of a chain, in order: the steps a reply reports. */
  public List<Call> callsOf(String chainId) {
    return jdbc.sql("SELECT * FROM tool_calls WHERE chain_id = ? ORDER BY step, position").param(chainId).query(CALL).list();
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
