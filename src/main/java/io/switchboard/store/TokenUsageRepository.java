package io.switchboard.store;

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

  public void record(Session session, long messageId, String model, int prompt, int completion) {
    jdbc.sql(
            "INSERT INTO token_usage (session_id, message_id, user_id, platform, bot, model, prompt_tokens,"
                + " completion_tokens, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(session.id(), messageId, session.userId(), session.platform(), session.bot(), model, prompt, completion,
            SessionRepository.now())
        .update();
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
