package io.switchboard.subscription;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code switchboard.feeds.*}.
 *
 * @param minInterval the shortest poll interval a subscription may ask for
 * @param defaultInterval without {@code --every}
 * @param initialItems the newest items a new subscriber gets at once (0: only items published from now on)
 * @param pollTick how often this instance looks for feeds that are due
 * @param failuresBeforeNotice consecutive failed polls before the subscribers are told (once)
 */
@ConfigurationProperties("switchboard.feeds")
public record FeedSettings(Duration minInterval, Duration defaultInterval, int initialItems, Duration pollTick, int failuresBeforeNotice) {

  public FeedSettings {
    minInterval = minInterval == null ? Duration.ofMinutes(1) : minInterval;
    defaultInterval = defaultInterval == null ? Duration.ofMinutes(10) : defaultInterval;
    pollTick = pollTick == null ? Duration.ofSeconds(5) : pollTick;
    failuresBeforeNotice = failuresBeforeNotice <= 0 ? 3 : failuresBeforeNotice;
  }

  /** The interval asked for, raised to the floor. */
  public Duration interval(Duration asked) {
    Duration interval = asked == null ? defaultInterval : asked;
    return interval.compareTo(minInterval) < 0 ? minInterval : interval;
  }

  /** After a failed poll: the interval doubled per consecutive failure, at most 6 hours. */
  public static Duration backoff(Duration interval, int failures) {
    Duration backoff = interval.multipliedBy(1L << Math.min(failures, 10));
    return backoff.compareTo(Duration.ofHours(6)) > 0 ? Duration.ofHours(6) : backoff;
  }
}
