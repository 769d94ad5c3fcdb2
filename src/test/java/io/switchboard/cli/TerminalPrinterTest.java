package io.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The terminal's answer printed as it is written: what a user sees, line by line. */
class TerminalPrinterTest {

  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @Test
  void eachPartialAddsWhatIsNewAndTheAnswerEndsTheLine() {
    TerminalPrinter printer = new TerminalPrinter(out, "bot> ");
    printer.partial("The harbour ");
    printer.partial("The harbour opens");
    printer.partial("The harbour opens"); // a partial that says nothing new prints nothing
    printer.answer("The harbour opens at six.");
    assertThat(printed()).isEqualTo("bot> The harbour opens at six.\n");
  }

  @Test
  void anAnswerThatStartedOverIsPrintedWholeOnALineOfItsOwn() {
    TerminalPrinter printer = new TerminalPrinter(out, "bot> ");
    printer.partial("Let me");
    printer.partial("Something else"); // another model's answer: not a continuation, not printed
    printer.answer("Something else entirely.");
    assertThat(printed()).isEqualTo("bot> Let me\nbot> Something else entirely.\n");
  }

  @Test
  void withoutPartialsTheAnswerIsOneLine() {
    TerminalPrinter printer = new TerminalPrinter(out, "");
    printer.answer("echo: from a pipe");
    assertThat(printed()).isEqualTo("echo: from a pipe\n");
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }
}
