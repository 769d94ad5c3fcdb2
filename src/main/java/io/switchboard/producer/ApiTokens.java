package io.switchboard.producer;

import io.switchboard.security.BearerAuthenticator;
import io.switchboard.security.BearerKeys;
import io.switchboard.security.Caller;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Producer tokens. Only the SHA-256 of a token is stored: the plaintext ({@code sbp_…}) is returned once, at creation
 * (see {@link BearerKeys}). A request bearing one is a {@link Caller.Kind#PRODUCER} with the token's scopes.
 */
@Repository
public class ApiTokens implements BearerAuthenticator {

  public static final String PREFIX = "sbp_";

  public record Token(long id, String name, List<String> scopes, OffsetDateTime createdAt, OffsetDateTime revokedAt) {
    public boolean active() {
      return revokedAt == null;
    }
  }

  public record Created(Token token, String plaintext) {}

  private static final String COLUMNS = "id, name, scopes, created_at, revoked_at";

  private final JdbcClient jdbc;

  public ApiTokens(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** @throws IllegalArgumentException when the name is taken or invalid */
  public Created create(String name, List<String> scopes) {
    if (name == null || !name.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new IllegalArgumentException("a token name is 1-64 letters, digits, '.', '_' or '-'");
    }
    List<String> given = scopes == null ? List.of() : scopes.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    List<String> cleaned = given.isEmpty() ? TokenScopes.DEFAULT : given;
    TokenScopes.validate(cleaned);
    String plaintext = BearerKeys.generate(PREFIX);
    try {
      jdbc.sql("INSERT INTO api_tokens (name, token_hash, scopes, created_at) VALUES (?, ?, ?, ?)")
          .params(name, BearerKeys.hash(plaintext), String.join(",", cleaned), OffsetDateTime.now(ZoneOffset.UTC))
          .update();
    } catch (DuplicateKeyException e) {
      throw new IllegalArgumentException("a token named '" + name + "' exists already (revoke it first, or choose another name)");
    }
    return new Created(byName(name).orElseThrow(), plaintext);
  }

  /** The active token a bearer value belongs to. */
  public Optional<Token> find(String plaintext) {
    if (!recognises(plaintext) || plaintext.length() > 100) {
      return Optional.empty();
    }
    return jdbc.sql("SELECT " + COLUMNS + " FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL")
        .param(BearerKeys.hash(plaintext)).query(ApiTokens::row).optional();
  }

  @Override
  public boolean recognises(String bearer) {
    return bearer != null && bearer.startsWith(PREFIX);
  }

  @Override
  public Optional<Caller> authenticate(String bearer) {
    return find(bearer).map(t -> Caller.producer(t.name(), t.scopes()));
  }

  public boolean revoke(String name) {
    return jdbc.sql("UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL")
        .params(OffsetDateTime.now(ZoneOffset.UTC), name).update() == 1;
  }

  /** Revoked tokens are kept (their names stay taken), so that a log line naming a token keeps its meaning. */
  public List<Token> all() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM api_tokens ORDER BY name").query(ApiTokens::row).list();
  }

  public Optional<Token> byName(String name) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM api_tokens WHERE name = ?").param(name).query(ApiTokens::row).optional();
  }

  private static Token row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    return new Token(rs.getLong("id"), rs.getString("name"), Arrays.asList(rs.getString("scopes").split(",")),
        rs.getObject("created_at", OffsetDateTime.class), rs.getObject("revoked_at", OffsetDateTime.class));
  }
}
