package io.switchboard.cli;

import java.io.PrintStream;

/**
 * Prints one answer in the terminal as it is written: each partial adds what is new since the last one, and the
 * answer ends the line. A partial that does not continue what is printed (the answer started over, on another model)
 * is not printed; the answer then goes on a line of its own, whole, so the last line is always the answer as it is.
 */
final class TerminalPrinter {

  private final PrintStream out;
  private final String prefix;
  private String printed;

  TerminalPrinter(PrintStream out, String prefix) {
    this.out = out;
    this.prefix = prefix;
  }

  synchronized void partial(String textSoFar) {
    if (printed == null) {
      out.print(prefix);
      printed = "";
    }
    if (textSoFar.startsWith(printed) && textSoFar.length() > printed.length()) {
      out.print(textSoFar.substring(printed.length()));
      out.flush();
      printed = textSoFar;
    }
  }

  synchronized void answer(String text) {
    if (printed == null) {
      out.println(prefix + text);
    } else if (text.startsWith(printed)) {
      out.println(text.substring(printed.length()));
    } else {
      out.println();
      out.println(prefix + text);
    }
  }
}
