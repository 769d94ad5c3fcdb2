package io.switchboard.security;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One-time login links for the web chat ({@code /?token=sbl_…}). Kept (hashed) in the database, so a link works on
 * whichever instance the browser reaches and can be made by {@code switchboard login} beside a running service.
 */
@Repository
public class WebLogins {

  public static final String PREFIX = "sbl_";

  private final JdbcClient jdbc;

  public WebLogins(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** @return the token of a new link that logs its first user in as {@code userName} */
  public String issue(String userName, Duration validFor) {
    String token = BearerKeys.generate(PREFIX);
    OffsetDateTime now = now();
    jdbc.sql("INSERT INTO web_logins (token_hash, user_name, created_at, expires_at) VALUES (?, ?, ?, ?)")
        .params(BearerKeys.hash(token), userName, now, now.plus(validFor))
        .update();
    return token;
  }

  /** Uses a link up: the user it logs in, once, while it is valid; empty for a used, expired or unknown one. */
  public Optional<String> redeem(String token) {
    if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
      return Optional.empty();
    }
    String hash = BearerKeys.hash(token);
    OffsetDateTime now = now();
    int claimed = jdbc.sql("UPDATE web_logins SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?")
        .params(now, hash, now)
        .update();
    if (claimed != 1) {
      return Optional.empty();
    }
    return jdbc.sql("SELECT user_name FROM web_logins WHERE token_hash = ?").param(hash).query(String.class).optional();
  }

  /** Forgets links used or expired a day ago. */
  public int purgeExpired() {
    return jdbc.sql("DELETE FROM web_logins WHERE expires_at < ?").param(now().minusDays(1)).update();
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
