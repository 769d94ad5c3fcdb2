package io.switchboard.limits;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code switchboard.limits.*}: the rate limit per conversation and the daily quota per user on the shared model.
 *
 * @param timeZone where "midnight" is for the daily quota and for grant expiry dates
 */
@ConfigurationProperties("switchboard.limits")
public record LimitSettings(Rate rate, Quota quota, ZoneId timeZone) {

  public LimitSettings {
    rate = rate == null ? new Rate(Rate.Mode.SLIDING, 0, Duration.ofMinutes(1), Rate.Action.NOTICE) : rate;
    quota = quota == null ? new Quota(0, 0) : quota;
    timeZone = timeZone == null ? ZoneId.of("UTC") : timeZone;
  }

  /** @param max messages per window and conversation; 0 turns the limit off */
  public record Rate(Mode mode, int max, Duration window, Action action) {
    public enum Mode { FIXED, SLIDING }

    public enum Action { NOTICE, DROP }
  }

  /** Per user and day on the shared model; 0: no limit of that kind. */
  public record Quota(long requestsPerDay, long tokensPerDay) {}
}
