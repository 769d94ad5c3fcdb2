package io.switchboard.subscription;

import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;

/** Durations as users type them ({@code 30s}, {@code 10m}, {@code 1h}, {@code 2d}, or ISO-8601) and as they are shown. */
public final class Durations {

  private Durations() {}

  public static Duration parse(String text) {
    try {
      return DurationStyle.detectAndParse(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "' is not a duration: use e.g. 30s, 10m, 1h or 1d");
    }
  }

  public static String format(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds % 86_400 == 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
  }
}
