package io.switchboard.keys;

import io.switchboard.kernel.ModelEndpoint;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Users' own model endpoints ("bring your own key"), the key encrypted with {@link KeyCipher}. */
@Repository
public class UserKeys {

  private static final Logger log = LoggerFactory.getLogger(UserKeys.class);

  /** What a user may be shown of their key. */
  public record Summary(String hint, String baseUrl, String model) {}

  private final JdbcClient jdbc;
  private final KeyCipher cipher;

  public UserKeys(JdbcClient jdbc, @Value("${switchboard.keys.secret:}") String secret) {
    this.jdbc = jdbc;
    this.cipher = secret == null || secret.isBlank() ? null : new KeyCipher(secret);
  }

  /** Whether keys can be stored at all: only with a configured secret. */
  public boolean enabled() {
    return cipher != null;
  }

  public void set(String userKey, String apiKey, String baseUrl, String model) {
    String encrypted = cipher.encrypt(apiKey);
    OffsetDateTime now = OffsetDateTime.now();
    int updated = jdbc.sql("UPDATE user_keys SET api_key_enc = ?, key_hint = ?, base_url = ?, model = ?, updated_at = ? WHERE user_key = ?")
        .params(encrypted, KeyCipher.hint(apiKey), baseUrl, model, now, userKey)
        .update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO user_keys (user_key, api_key_enc, key_hint, base_url, model, updated_at) VALUES (?, ?, ?, ?, ?, ?)")
          .params(userKey, encrypted, KeyCipher.hint(apiKey), baseUrl, model, now)
          .update();
    }
  }

  public boolean clear(String userKey) {
    return jdbc.sql("DELETE FROM user_keys WHERE user_key = ?").param(userKey).update() > 0;
  }

  public Optional<Summary> summary(String userKey) {
    return jdbc.sql("SELECT key_hint, base_url, model FROM user_keys WHERE user_key = ?")
        .param(userKey)
        .query((rs, i) -> new Summary(rs.getString(1), rs.getString(2), rs.getString(3)))
        .optional();
  }

  /** The user's endpoint with the key decrypted, for the runner; empty when none is set or it cannot be read. */
  public Optional<ModelEndpoint> endpoint(String userKey) {
    if (cipher == null || userKey == null) {
      return Optional.empty();
    }
    return jdbc.sql("SELECT api_key_enc, base_url, model FROM user_keys WHERE user_key = ?")
        .param(userKey)
        .query((rs, i) -> {
          try {
            return new ModelEndpoint(rs.getString(2), cipher.decrypt(rs.getString(1)), rs.getString(3));
          } catch (IllegalArgumentException e) {
            log.warn("The stored key of {} cannot be decrypted ({}); the shared model is used", userKey, e.getMessage());
            return null;
          }
        })
        .list().stream().filter(java.util.Objects::nonNull).findFirst();
  }
}
