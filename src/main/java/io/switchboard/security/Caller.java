package io.switchboard.security;

import java.security.Principal;
import java.util.List;

/**
 * Who an HTTP request comes from, as authentication established it (never as the request says): an API user (bearer
 * key, or the web chat's login session), a producer (producer token, with its scopes), or the operator (management
 * credentials).
 */
public record Caller(Kind kind, String name, boolean admin, List<String> scopes) implements Principal {

  public enum Kind { USER, PRODUCER, OPERATOR }

  public Caller {
    scopes = scopes == null ? List.of() : List.copyOf(scopes);
  }

  public static Caller user(String name, boolean admin) {
    return new Caller(Kind.USER, name, admin, List.of());
  }

  public static Caller producer(String name, List<String> scopes) {
    return new Caller(Kind.PRODUCER, name, false, scopes);
  }

  public static Caller operator(String name) {
    return new Caller(Kind.OPERATOR, name, true, List.of());
  }

  @Override
  public String getName() {
    return name;
  }
}
