package io.switchboard.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A chat line split into words the way a shell would: whitespace separates, double or single quotes keep spaces
 * together, a backslash escapes the next character. A leading command prefix ({@code /}, {@code !} by default) is
 * removed and remembered: a prefixed line is meant as a command, a bare one only may be.
 */
public record CommandLine(List<String> words, boolean prefixed) {

  public static Optional<CommandLine> parse(String text, String prefixes) {
    String line = text == null ? "" : text.strip();
    boolean prefixed = !line.isEmpty() && prefixes.indexOf(line.charAt(0)) >= 0;
    if (prefixed) {
      line = line.substring(1);
    }
    if (prefixed && (line.isEmpty() || Character.isWhitespace(line.charAt(0)))) {
      return Optional.empty(); // "/" alone, or "/ something": not a command
    }
    List<String> words = split(line);
    if (words.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new CommandLine(List.copyOf(words), prefixed));
  }

  /** Shell-like splitting; an unclosed quote runs to the end of the line. */
  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length() && quote != '\'') {
        word.append(line.charAt(++i));
        inWord = true;
      } else if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  public String first() {
    return words.get(0);
  }

  /** The words from {@code index} on. */
  public List<String> from(int index) {
    return index >= words.size() ? List.of() : words.subList(index, words.size());
  }
}
