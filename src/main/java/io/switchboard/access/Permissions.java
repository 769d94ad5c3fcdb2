package io.switchboard.access;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Grants of restricted scenes, stored in the database so that every instance sees the same. */
@Repository
public class Permissions {

  /** One grant. {@code command} null: the whole scene; {@code expiresOn} null: no end. */
  public record Grant(long id, String userKey, String scene, String command, LocalDate expiresOn, String grantedBy) {

    /** A grant is valid through its expiry date, in the configured time zone. */
    public boolean validOn(LocalDate today) {
      return expiresOn == null || !today.isAfter(expiresOn);
    }

    public boolean covers(String scene, String command) {
      return this.scene.equals(scene) && (this.command == null || this.command.equals(command));
    }
  }

  private final JdbcClient jdbc;
  private final ZoneId zone;
  private final Clock clock;

  @Autowired
  public Permissions(JdbcClient jdbc, @Value("${switchboard.limits.time-zone}") ZoneId zone) {
    this(jdbc, zone, Clock.systemUTC());
  }

  Permissions(JdbcClient jdbc, ZoneId zone, Clock clock) {
    this.jdbc = jdbc;
    this.zone = zone;
    this.clock = clock;
  }

  public void grant(String userKey, String scene, String command, LocalDate expiresOn, String grantedBy) {
    jdbc.sql("INSERT INTO permissions (user_key, scene, command, expires_on, granted_by, created_at) VALUES (?, ?, ?, ?, ?, ?)")
        .params(userKey, scene, command, expiresOn, grantedBy, OffsetDateTime.now(clock))
        .update();
  }

  /** Removes the user's grants of the scene (or of one command of it); @return how many. */
  public int revoke(String userKey, String scene, String command) {
    return command == null
        ? jdbc.sql("DELETE FROM permissions WHERE user_key = ? AND scene = ?").params(userKey, scene).update()
        : jdbc.sql("DELETE FROM permissions WHERE user_key = ? AND scene = ? AND command = ?").params(userKey, scene, command).update();
  }

  /** The user's grants, expired ones included (they are shown as such). */
  public List<Grant> of(String userKey) {
    return jdbc.sql("SELECT id, user_key, scene, command, expires_on, granted_by FROM permissions WHERE user_key = ? ORDER BY scene, command")
        .param(userKey)
        .query((rs, i) -> new Grant(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getObject(5, LocalDate.class), rs.getString(6)))
        .list();
  }

  public boolean allowed(String userKey, String scene, String command) {
    LocalDate today = today();
    return of(userKey).stream().anyMatch(g -> g.covers(scene, command) && g.validOn(today));
  }

  public LocalDate today() {
    return LocalDate.now(clock.withZone(zone));
  }
}
