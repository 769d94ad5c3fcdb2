package io.switchboard.bot;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Durable key-value state per bot (bot_state), for what a connection must remember across restarts. */
@Repository
public class BotState {

  private final JdbcClient jdbc;

  public BotState(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<String> get(String botId, String key) {
    return jdbc.sql("SELECT state_value FROM bot_state WHERE bot_id = ? AND state_key = ?").params(botId, key).query(String.class).optional();
  }

  public void put(String botId, String key, String value) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    int updated = jdbc.sql("UPDATE bot_state SET state_value = ?, updated_at = ? WHERE bot_id = ? AND state_key = ?").params(value, now, botId, key).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO bot_state (bot_id, state_key, state_value, updated_at) VALUES (?, ?, ?, ?)").params(botId, key, value, now).update();
    }
  }
}
