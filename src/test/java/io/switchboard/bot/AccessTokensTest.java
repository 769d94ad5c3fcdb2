package io.switchboard.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AccessTokensTest {

  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  final Clock clock = new Clock() {
    @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    @Override public Instant instant() { return now.get(); }
  };
  final AtomicInteger fetched = new AtomicInteger();
  final AccessTokens[] holder = new AccessTokens[1];
  final AccessTokens tokens = holder[0] = new AccessTokens(clock, bot -> holder[0].expiresIn(bot + "-" + fetched.incrementAndGet(), Duration.ofHours(2)));

  @Test
  void aTokenIsReusedUntilFiveMinutesBeforeItExpires() throws Exception {
    assertThat(tokens.current("a").value()).isEqualTo("a-1");
    now.set(now.get().plus(Duration.ofMinutes(114)));
    assertThat(tokens.current("a").value()).isEqualTo("a-1");
    now.set(now.get().plus(Duration.ofMinutes(2)));
    assertThat(tokens.current("a").value()).isEqualTo("a-2");
    assertThat(tokens.current("b").value()).isEqualTo("b-3");
  }

  @Test
  void aRejectedTokenIsReplacedOnceForEveryoneWhoUsedIt() throws Exception {
    AccessTokens.Token used = tokens.current("a");
    AccessTokens.Token replacement = tokens.replacing("a", used);
    assertThat(replacement.value()).isEqualTo("a-2");
    // a second sender that also used the rejected token gets the replacement, not a third token
    assertThat(tokens.replacing("a", used).value()).isEqualTo("a-2");
    assertThat(fetched).hasValue(2);
  }
}
