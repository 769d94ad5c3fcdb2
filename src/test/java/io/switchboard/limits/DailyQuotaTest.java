package io.switchboard.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class DailyQuotaTest {

  @Test
  void theQuotaResetsAtTheNextMidnightInTheConfiguredZone() {
    ZoneId shanghai = ZoneId.of("Asia/Shanghai");
    ZonedDateTime lateEvening = ZonedDateTime.of(2026, 11, 22, 23, 59, 0, 0, shanghai);
    assertThat(DailyQuota.resetsAt(lateEvening)).isEqualTo(ZonedDateTime.of(2026, 11, 23, 0, 0, 0, 0, shanghai));
    ZonedDateTime justAfter = ZonedDateTime.of(2026, 11, 23, 0, 0, 1, 0, shanghai);
    assertThat(DailyQuota.resetsAt(justAfter)).isEqualTo(ZonedDateTime.of(2026, 11, 24, 0, 0, 0, 0, shanghai));
  }

  @Test
  void aDayStartsAtLocalMidnightAlsoAcrossDaylightSavingChanges() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    // 2026-03-29: clocks go from 02:00 to 03:00; the day still starts at 00:00 local, 23:00 UTC the day before
    assertThat(DailyQuota.startOfDay(java.time.LocalDate.of(2026, 3, 29), berlin).toInstant().toString()).isEqualTo("2026-03-28T23:00:00Z");
    assertThat(DailyQuota.startOfDay(java.time.LocalDate.of(2026, 3, 30), berlin).toInstant().toString()).isEqualTo("2026-03-29T22:00:00Z");
  }
}
