package io.switchboard.user;

import io.switchboard.security.BearerAuthenticator;
import io.switchboard.security.BearerKeys;
import io.switchboard.security.Caller;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * API users and their keys ({@code sbk_…}): who calls the session API, and who may log into the web chat with a key.
 * A user's sessions belong to the name, which stays taken after a revocation.
 */
@Repository
public class ApiUsers implements BearerAuthenticator {

  public static final String PREFIX = "sbk_";
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  public record User(String name, boolean admin, OffsetDateTime createdAt, OffsetDateTime revokedAt) {
    public boolean active() {
      return revokedAt == null;
    }
  }

  /** A user with the key just made for them: the only time the key is seen. */
  public record Created(User user, String key) {}

  private static final String COLUMNS = "name, admin, created_at, revoked_at";

  private final JdbcClient jdbc;

  public ApiUsers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** @throws IllegalArgumentException when the name is invalid or taken */
  public Created create(String name, boolean admin) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a user name is 1-64 letters, digits, '.', '_' or '-'");
    }
    String key = BearerKeys.generate(PREFIX);
    try {
      jdbc.sql("INSERT INTO api_users (name, key_hash, admin, created_at) VALUES (?, ?, ?, ?)")
          .params(name, BearerKeys.hash(key), admin, now())
          .update();
    } catch (DuplicateKeyException e) {
      throw new IllegalArgumentException("a user named '" + name + "' exists already (names stay taken after a revocation)");
    }
    return new Created(find(name).orElseThrow(), key);
  }

  /** A new key for an active user; the old one stops working at once. */
  public Optional<Created> rotate(String name) {
    String key = BearerKeys.generate(PREFIX);
    int updated = jdbc.sql("UPDATE api_users SET key_hash = ? WHERE name = ? AND revoked_at IS NULL")
        .params(BearerKeys.hash(key), name).update();
    return updated == 1 ? find(name).map(u -> new Created(u, key)) : Optional.empty();
  }

  public boolean revoke(String name) {
    return jdbc.sql("UPDATE api_users SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL").params(now(), name).update() == 1;
  }

  public List<User> all() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM api_users ORDER BY name").query(ApiUsers::row).list();
  }

  public Optional<User> find(String name) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM api_users WHERE name = ?").param(name).query(ApiUsers::row).optional();
  }

  /** Whether an active user of this name is an admin (grants, revokes, permissions on the API and web platforms). */
  public boolean isAdmin(String name) {
    return name != null && find(name).map(u -> u.active() && u.admin()).orElse(false);
  }

  @Override
  public boolean recognises(String bearer) {
    return bearer != null && bearer.startsWith(PREFIX);
  }

  @Override
  public Optional<Caller> authenticate(String key) {
    if (!recognises(key) || key.length() > 100) {
      return Optional.empty();
    }
    return jdbc.sql("SELECT " + COLUMNS + " FROM api_users WHERE key_hash = ? AND revoked_at IS NULL")
        .param(BearerKeys.hash(key)).query(ApiUsers::row).optional()
        .map(u -> Caller.user(u.name(), u.admin()));
  }

  private static User row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    return new User(rs.getString("name"), rs.getBoolean("admin"), rs.getObject("created_at", OffsetDateTime.class),
        rs.getObject("revoked_at", OffsetDateTime.class));
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
