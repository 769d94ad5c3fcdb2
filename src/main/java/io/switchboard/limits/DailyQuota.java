package io.switchboard.limits;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.kernel.Locales;
import io.switchboard.kernel.Turn;
import io.switchboard.kernel.UserKey;
import io.switchboard.keys.UserKeys;
import io.switchboard.runner.LlmRunner;
import io.switchboard.store.TokenUsageRepository;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Pipeline stage, before the runner: a user with their own key gets their own endpoint and no quota; a prompt to an
 * agent service elsewhere (the {@code dify}, {@code coze}, {@code n8n}, {@code webhook} runners) has none either;
 * anyone else is held to the daily quota on the shared model (requests counted atomically in the database, tokens summed from the
 * metered usage), reset at midnight in {@code switchboard.limits.time-zone}. Over it, the user is told when it resets
 * and how to bring their own key, and the model is not called.
 */
@Component("dailyQuota")
public class DailyQuota {

  private final LimitSettings.Quota quota;
  private final ZoneId zone;
  private final UsageCounters counters;
  private final TokenUsageRepository usage;
  private final UserKeys keys;
  private final LlmRunner runner;
  private final MessageSource messages;
  private final MeterRegistry meters;
  private final Clock clock;

  @Autowired
  public DailyQuota(LimitSettings settings, UsageCounters counters, TokenUsageRepository usage, UserKeys keys, LlmRunner runner,
      MessageSource messages, MeterRegistry meters) {
    this(settings, counters, usage, keys, runner, messages, meters, Clock.systemUTC());
  }

  DailyQuota(LimitSettings settings, UsageCounters counters, TokenUsageRepository usage, UserKeys keys, LlmRunner runner,
      MessageSource messages, MeterRegistry meters, Clock clock) {
    this.quota = settings.quota();
    this.zone = settings.timeZone();
    this.counters = counters;
    this.usage = usage;
    this.keys = keys;
    this.runner = runner;
    this.messages = messages;
    this.meters = meters;
    this.clock = clock;
  }

  public Turn check(Turn turn) {
    String userKey = UserKey.of(turn.event());
    if (userKey == null || turn.kind() == Turn.Kind.COMMAND) { // commands are free; only prompts are rationed
      return turn;
    }
    var own = keys.endpoint(userKey);
    if (own.isPresent()) {
      turn.ownModel(own.get());
      return turn;
    }
    if (turn.kind() == Turn.Kind.CONTINUATION || turn.delegated()) {
      return turn; // the chain's user message was counted; its later model calls (another agent's too) count as tokens only
    }
    if (!Turn.DEFAULT_RUNNER.equals(turn.runner())) {
      return turn; // an agent service elsewhere (Dify, Coze, n8n, a webhook) is not the shared model
    }
    if ((quota.requestsPerDay() <= 0 && quota.tokensPerDay() <= 0) || !runner.sharedModelConfigured()) {
      return turn; // no shared model, nothing to ration: the runner says how to configure one
    }
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
    LocalDate day = now.toLocalDate();
    boolean over = false;
    if (quota.tokensPerDay() > 0) {
      String user = userKey.substring(userKey.indexOf(':') + 1);
      var today = usage.sharedTotalsSince(turn.event().conversation().platform(), user, startOfDay(day, zone).toOffsetDateTime());
      over = today.totalTokens() >= quota.tokensPerDay();
    }
    if (!over && quota.requestsPerDay() > 0) {
      String key = RateLimiter.counterKey("quota:" + userKey);
      long dayNumber = day.toEpochDay();
      over = counters.increment(key, dayNumber, startOfDay(day.plusDays(2), zone).toInstant()) > quota.requestsPerDay();
      if (over) {
        counters.decrement(key, dayNumber);
      }
    }
    if (over) {
      meters.counter("switchboard.limits.quota", "bot", turn.event().conversation().bot()).increment();
      ZonedDateTime resets = resetsAt(now);
      turn.reply(messages.getMessage("limits.quota", new Object[] {resets.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")), zone.getId()}, Locales.of(turn.event())));
      turn.doNotRecord();
    }
    return turn;
  }

  /** The next midnight in the quota's time zone. */
  static ZonedDateTime resetsAt(ZonedDateTime now) {
    return startOfDay(now.toLocalDate().plusDays(1), now.getZone());
  }

  static ZonedDateTime startOfDay(LocalDate day, ZoneId zone) {
    return day.atStartOfDay(zone);
  }
}
