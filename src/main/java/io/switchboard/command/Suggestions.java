package io.switchboard.command;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** "Did you mean": the known names within a small edit distance of what was typed, or starting with it. */
final class Suggestions {

  private static final int MAX_DISTANCE = 2;

  private Suggestions() {}

  static List<String> nearest(String typed, Collection<String> known) {
    if (typed == null) {
      return List.of();
    }
    return known.stream()
        .distinct()
        .filter(k -> k.startsWith(typed) || distance(typed, k) <= MAX_DISTANCE)
        .sorted(Comparator.comparingInt((String k) -> distance(typed, k)).thenComparing(k -> k))
        .limit(3)
        .toList();
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
