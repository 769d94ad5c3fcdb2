package io.switchboard.limits;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.access.Admins;
import io.switchboard.kernel.Locales;
import io.switchboard.kernel.Turn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Pipeline stage: the rate limit per conversation, counted in the database so it holds across instances. Over the
 * limit the turn is answered with a notice (no model call) or dropped silently, as configured. Admins are exempt.
 */
@Component("rateLimiter")
public class RateLimiter {

  private final LimitSettings.Rate settings;
  private final UsageCounters counters;
  private final Admins admins;
  private final MessageSource messages;
  private final MeterRegistry meters;
  private final Clock clock;

  @Autowired
  public RateLimiter(LimitSettings settings, UsageCounters counters, Admins admins, MessageSource messages, MeterRegistry meters) {
    this(settings, counters, admins, messages, meters, Clock.systemUTC());
  }

  RateLimiter(LimitSettings settings, UsageCounters counters, Admins admins, MessageSource messages, MeterRegistry meters, Clock clock) {
    this.settings = settings.rate();
    this.counters = counters;
    this.admins = admins;
    this.messages = messages;
    this.meters = meters;
    this.clock = clock;
  }

  public Turn check(Turn turn) {
    if (settings.max() <= 0 || turn.continuation() || turn.delegated() || admins.isAdmin(turn.event())) {
      return turn;
    }
    long windowMillis = settings.window().toMillis();
    long now = clock.millis();
    long window = now / windowMillis;
    String key = counterKey("rate:" + turn.event().subject());
    long current = counters.increment(key, window, Instant.ofEpochMilli((window + 2) * windowMillis));
    long previous = settings.mode() == LimitSettings.Rate.Mode.SLIDING ? counters.count(key, window - 1) : 0;
    if (allowed(settings.mode(), settings.max(), windowMillis, now, current, previous)) {
      return turn;
    }
    counters.decrement(key, window);
    meters.counter("switchboard.limits.rate", "bot", turn.event().conversation().bot(), "action", settings.action().name().toLowerCase()).increment();
    if (settings.action() == LimitSettings.Rate.Action.DROP) {
      turn.drop();
    } else {
      long retryIn = Math.max(1, (windowMillis - now % windowMillis + 999) / 1000);
      turn.reply(messages.getMessage("limits.rate", new Object[] {settings.max(), settings.window().toSeconds(), retryIn}, Locales.of(turn.event())));
      turn.doNotRecord();
    }
    return turn;
  }

  /**
   * Fixed: the hits of the current window. Sliding (the sliding-window counter): the previous window's hits weighted
   * by how much of it still lies within one window from now, plus the current window's.
   */
  static boolean allowed(LimitSettings.Rate.Mode mode, int max, long windowMillis, long now, long current, long previous) {
    if (mode == LimitSettings.Rate.Mode.FIXED) {
      return current <= max;
    }
    double elapsed = (double) (now % windowMillis) / windowMillis;
    return previous * (1 - elapsed) + current <= max;
  }

  /** Keys longer than the column are hashed. */
  static String counterKey(String key) {
    if (key.length() <= 300) {
      return key;
    }
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
