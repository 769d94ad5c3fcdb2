package io.switchboard.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ItemFormatTest {

  @Test
  void titleLinkAndPlainSummaryTrimmed() {
    String text = ItemFormat.format(new FeedItem.Data("Big <i>news</i>", "http://n/1", "<p>First &amp; <b>bold</b></p><p>" + "word ".repeat(200) + "</p>", null), null);
    assertThat(text).startsWith("**Big news**\nhttp://n/1\nFirst & bold\nword word");
    assertThat(text.length()).isLessThan(500);
    assertThat(text).endsWith("…");
  }

  @Test
  void aProducersTextOrAModelSummaryReplacesTheSummary() {
    assertThat(ItemFormat.format(new FeedItem.Data(null, null, null, "disk full"), null)).isEqualTo("disk full");
    assertThat(ItemFormat.format(new FeedItem.Data("T", "http://l", "long summary", null), "short")).isEqualTo("**T**\nhttp://l\nshort");
  }

  @Test
  void intervalsHaveAFloorAndFailuresBackOffUpToSixHours() {
    FeedSettings settings = new FeedSettings(Duration.ofMinutes(1), Duration.ofMinutes(10), 0, null, 0);
    assertThat(settings.interval(null)).isEqualTo(Duration.ofMinutes(10));
    assertThat(settings.interval(Duration.ofSeconds(5))).isEqualTo(Duration.ofMinutes(1));
    assertThat(settings.interval(Duration.ofHours(2))).isEqualTo(Duration.ofHours(2));
    assertThat(FeedSettings.backoff(Duration.ofMinutes(10), 1)).isEqualTo(Duration.ofMinutes(20));
    assertThat(FeedSettings.backoff(Duration.ofMinutes(10), 3)).isEqualTo(Duration.ofMinutes(80));
    assertThat(FeedSettings.backoff(Duration.ofMinutes(10), 30)).isEqualTo(Duration.ofHours(6));
    assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(Durations.format(Duration.ofHours(1))).isEqualTo("1h");
  }
}
