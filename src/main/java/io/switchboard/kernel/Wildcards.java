package io.switchboard.kernel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Patterns where {@code *} matches any run of characters (ids may themselves contain colons), compiled once. */
public final class Wildcards {

  private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

  private Wildcards() {}

  public static boolean matches(String pattern, String text) {
    return COMPILED.computeIfAbsent(pattern, Wildcards::compile).matcher(text).matches();
  }

  private static Pattern compile(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (String literal : pattern.split("\\*", -1)) {
      if (!regex.isEmpty()) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(literal));
    }
    return Pattern.compile(regex.toString());
  }
}
