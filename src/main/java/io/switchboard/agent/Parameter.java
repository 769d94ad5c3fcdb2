package io.switchboard.agent;

import java.util.Arrays;
import java.util.Optional;

/** The parameters a conversation may set for its agent ({@code /set <key> <value>}), and what each accepts. */
public enum Parameter {
  TEMPERATURE("temperature"),
  HISTORY_SIZE("history-size"),
  SYSTEM_PROMPT("system-prompt");

  private final String key;

  Parameter(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  public static Optional<Parameter> of(String key) {
    return Arrays.stream(values()).filter(p -> p.key.equalsIgnoreCase(key)).findFirst();
  }

  /** Why the value does not fit, or empty when it does. */
  public Optional<String> problem(String value) {
    try {
      return switch (this) {
        case TEMPERATURE -> {
          double t = Double.parseDouble(value);
          yield t >= 0 && t <= 2 ? Optional.empty() : Optional.of("a number from 0 to 2");
        }
        case HISTORY_SIZE -> {
          int n = Integer.parseInt(value);
          yield n >= 0 && n <= 50 ? Optional.empty() : Optional.of("a whole number from 0 to 50");
        }
        case SYSTEM_PROMPT -> value.isBlank() || value.length() > 4000 ? Optional.of("a text of 1 to 4000 characters") : Optional.empty();
      };
    } catch (NumberFormatException e) {
      return Optional.of(this == TEMPERATURE ? "a number from 0 to 2" : "a whole number from 0 to 50");
    }
  }
}
