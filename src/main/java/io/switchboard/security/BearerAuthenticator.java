package io.switchboard.security;

import java.util.Optional;

/**
 * Turns a bearer value into the caller it belongs to. Each kind of key (users' API keys, producer tokens) has its own
 * prefix and store, and implements this where it lives, so this package depends on none of them.
 */
public interface BearerAuthenticator {

  /** @return whether this authenticator owns values of this shape (its prefix) */
  boolean recognises(String bearer);

  /** @return the caller, or empty when the value is unknown or revoked */
  Optional<Caller> authenticate(String bearer);
}
