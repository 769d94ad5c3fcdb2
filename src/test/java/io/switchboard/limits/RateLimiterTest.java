package io.switchboard.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.limits.LimitSettings.Rate.Mode;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  static final long MINUTE = 60_000;

  @Test
  void aFixedWindowCountsOnlyItsOwnHits() {
    assertThat(RateLimiter.allowed(Mode.FIXED, 3, MINUTE, 10 * MINUTE + 1000, 3, 100)).isTrue();
    assertThat(RateLimiter.allowed(Mode.FIXED, 3, MINUTE, 10 * MINUTE + 1000, 4, 0)).isFalse();
  }

  @Test
  void aSlidingWindowWeighsThePreviousWindowByItsOverlap() {
    // 15 s into the window: 75 % of the previous window still counts; 4 * 0.75 + 1 = 4 > 3
    assertThat(RateLimiter.allowed(Mode.SLIDING, 3, MINUTE, 10 * MINUTE + 15_000, 1, 4)).isFalse();
    // 45 s in: 25 % counts; 4 * 0.25 + 1 = 2 <= 3
    assertThat(RateLimiter.allowed(Mode.SLIDING, 3, MINUTE, 10 * MINUTE + 45_000, 1, 4)).isTrue();
    // a burst at the end of one window does not buy a fresh allowance at the start of the next
    assertThat(RateLimiter.allowed(Mode.SLIDING, 3, MINUTE, 11 * MINUTE + 1, 1, 3)).isFalse();
    assertThat(RateLimiter.allowed(Mode.FIXED, 3, MINUTE, 11 * MINUTE + 1, 1, 3)).isTrue();
  }

  @Test
  void longKeysAreHashedToFitTheColumn() {
    assertThat(RateLimiter.counterKey("rate:telegram:tg:42")).isEqualTo("rate:telegram:tg:42");
    String hashed = RateLimiter.counterKey("rate:" + "x".repeat(500));
    assertThat(hashed).startsWith("sha256:").hasSize(7 + 64);
  }
}
