package io.switchboard.bot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The short-lived access tokens platforms hand out (WeCom access_token, Feishu tenant_access_token, DingTalk
 * accessToken), one per bot: cached until 5 minutes before they expire, fetched by one caller at a time while the
 * others wait for its token, and fetched again when the platform rejects the one a caller used.
 */
public final class AccessTokens {

  /** A token and when it stops being used. */
  public record Token(String value, Instant expires) {}

  /** Asks the platform for a new token and its lifetime. */
  public interface Fetch {
    Token fetch(String botId) throws InterruptedException;
  }

  private static final Duration MARGIN = Duration.ofMinutes(5);

  private final Map<String, Token> tokens = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Fetch fetch;

  public AccessTokens(Clock clock, Fetch fetch) {
    this.clock = clock;
    this.fetch = fetch;
  }

  /** A token valid for {@code lifetime} from now, used until 5 minutes before that. */
  public Token expiresIn(String value, Duration lifetime) {
    return new Token(value, clock.instant().plus(lifetime).minus(MARGIN));
  }

  /** The token to use now. */
  public Token current(String botId) throws InterruptedException {
    return current(botId, null);
  }

  /** The token to use instead of {@code rejected}, which the platform refused. */
  public Token replacing(String botId, Token rejected) throws InterruptedException {
    return current(botId, rejected);
  }

  private Token current(String botId, Token rejected) throws InterruptedException {
    Token cached = tokens.get(botId);
    if (usable(cached, rejected)) {
      return cached;
    }
    synchronized (this) {
      Token current = tokens.get(botId);
      if (usable(current, rejected)) {
        return current;
      }
      Token fresh = fetch.fetch(botId);
      tokens.put(botId, fresh);
      return fresh;
    }
  }

  private boolean usable(Token token, Token rejected) {
    return token != null && !token.equals(rejected) && clock.instant().isBefore(token.expires());
  }
}
