package io.switchboard.store;

import io.switchboard.kernel.Session;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class TokenUsageRepository {

  /** Token totals of one session. */
  public record Totals(long promptTokens, long completionTokens, long messages) {
    public long totalTokens() {
      return promptTokens + completionTokens;
    }
  }

  private final JdbcClient jdbc;

  public TokenUsageRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Totals of one model and bot, for the usage API. */
  public record ModelTotals(String bot, String model, long promptTokens, long completionTokens, long messages) {}

  /**
   * @param userId who sent the message answered (in a group, not necessarily who opened the session)
   * @param ownKey not on the shared model (the user's own key, or an agent service elsewhere): outside the shared quota
   */
  public void record(Session session, String userId, long messageId, String model, int prompt, int completion, boolean ownKey) {
    jdbc.sql(
            "INSERT INTO token_usage (session_id, message_id, user_id, platform, bot, model, prompt_tokens,"
                + " completion_tokens, created_at, own_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(session.id(), messageId, userId != null ? userId : session.userId(), session.platform(), session.bot(), model, prompt,
            completion, SessionRepository.now(), ownKey)
        .update();
  }

  /** A user's usage of the shared model since an instant: what the daily token quota counts. */
  public Totals sharedTotalsSince(String platform, String userId, OffsetDateTime since) {
    return jdbc.sql(
            "SELECT COALESCE(SUM(prompt_tokens), 0) AS p, COALESCE(SUM(completion_tokens), 0) AS c, COUNT(*) AS n"
                + " FROM token_usage WHERE platform = ? AND user_id = ? AND own_key = FALSE AND created_at >= ?")
        .params(platform, userId, since)
        .query((rs, i) -> new Totals(rs.getLong("p"), rs.getLong("c"), rs.getLong("n")))
        .single();
  }

  /** A user's usage in [from, to), per bot and model; platform null: on every platform. */
  public List<ModelTotals> byModel(String platform, String userId, OffsetDateTime from, OffsetDateTime to) {
    return jdbc.sql(
            "SELECT bot, model, SUM(prompt_tokens) AS p, SUM(completion_tokens) AS c, COUNT(*) AS n FROM token_usage"
                + " WHERE user_id = ? AND (CAST(? AS VARCHAR(64)) IS NULL OR platform = ?) AND created_at >= ? AND created_at < ?"
                + " GROUP BY bot, model ORDER BY bot, model")
        .params(userId, platform, platform, from, to)
        .query((rs, i) -> new ModelTotals(rs.getString("bot"), rs.getString("model"), rs.getLong("p"), rs.getLong("c"), rs.getLong("n")))
        .list();
  }

  public Totals totals(String sessionId) {
    return jdbc.sql(
            "SELECT COALESCE(SUM(prompt_tokens), 0) AS p, COALESCE(SUM(completion_tokens), 0) AS c, COUNT(*) AS n"
                + " FROM token_usage WHERE session_id = ?")
        .param(sessionId)
        .query((rs, i) -> new Totals(rs.getLong("p"), rs.getLong("c"), rs.getLong("n")))
        .single();
  }
}
