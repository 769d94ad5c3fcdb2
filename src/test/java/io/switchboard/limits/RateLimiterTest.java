package io.switchboard.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.access.AccessSettings;
import io.switchboard.access.Admins;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import io.switchboard.kernel.Turn;
import io.switchboard.limits.LimitSettings.Rate.Mode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

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

  /** The limiter over real counters (H2 with the migrations), at a fixed instant 30 s into a one-minute window. */
  static RateLimiter limiter(LimitSettings.Rate.Action action) {
    var dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    Flyway.configure().dataSource(dataSource).load().migrate();
    StaticMessageSource messages = new StaticMessageSource();
    messages.addMessage("limits.rate", Locale.ENGLISH, "slow down: {0} per {1} s, retry in {2} s");
    LimitSettings settings = new LimitSettings(new LimitSettings.Rate(Mode.FIXED, 2, Duration.ofMinutes(1), action), null, null);
    Admins admins = new Admins(new AccessSettings(Map.of("telegram", List.of("root")), null, null, null), null);
    Clock clock = Clock.fixed(Instant.ofEpochSecond(600 * 60 + 30), ZoneOffset.UTC);
    return new RateLimiter(settings, new UsageCounters(JdbcClient.create(dataSource)), admins, messages, new SimpleMeterRegistry(), clock);
  }

  static Turn turn(String chat, String user) {
    return new Turn(Envelopes.received(new ConversationKey("telegram", "tg", chat), "private", new Envelope.Sender(user, null), "hi", Map.of()));
  }

  @Test
  void overTheLimitATurnGetsANoticeOrIsDroppedAsConfigured() {
    RateLimiter notice = limiter(LimitSettings.Rate.Action.NOTICE);
    assertThat(notice.check(turn("c1", "u")).answered()).isFalse();
    assertThat(notice.check(turn("c1", "u")).answered()).isFalse();
    Turn third = notice.check(turn("c1", "u"));
    assertThat(third.replyText()).isEqualTo("slow down: 2 per 60 s, retry in 30 s");
    assertThat(third.recorded()).isFalse();
    // another conversation has its own allowance; a refused turn used none
    assertThat(notice.check(turn("c2", "u")).answered()).isFalse();
    assertThat(notice.check(turn("c1", "u")).answered()).isTrue();

    RateLimiter drop = limiter(LimitSettings.Rate.Action.DROP);
    drop.check(turn("c1", "u"));
    drop.check(turn("c1", "u"));
    Turn dropped = drop.check(turn("c1", "u"));
    assertThat(dropped.dropped()).isTrue();
    assertThat(dropped.answered()).isFalse();
  }

  @Test
  void adminsAreNotLimited() {
    RateLimiter limiter = limiter(LimitSettings.Rate.Action.NOTICE);
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.check(turn("ops", "root")).answered()).isFalse();
    }
  }

  @Test
  void longKeysAreHashedToFitTheColumn() {
    assertThat(RateLimiter.counterKey("rate:telegram:tg:42")).isEqualTo("rate:telegram:tg:42");
    String hashed = RateLimiter.counterKey("rate:" + "x".repeat(500));
    assertThat(hashed).startsWith("sha256:").hasSize(7 + 64);
  }
}
