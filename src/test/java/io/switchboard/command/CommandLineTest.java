package io.switchboard.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {

  @Test
  void wordsAreSplitLikeAShellWithQuotesAndEscapes() {
    assertThat(CommandLine.split("grant 42 ops")).containsExactly("grant", "42", "ops");
    assertThat(CommandLine.split("note add \"buy milk and eggs\" 'at 5 pm'")).containsExactly("note", "add", "buy milk and eggs", "at 5 pm");
    assertThat(CommandLine.split("say \\\"hi\\\" a\\ b")).containsExactly("say", "\"hi\"", "a b");
    assertThat(CommandLine.split("empty \"\" arg")).containsExactly("empty", "", "arg");
    assertThat(CommandLine.split("unclosed \"quote runs on")).containsExactly("unclosed", "quote runs on");
    assertThat(CommandLine.split("  spaced   out  ")).containsExactly("spaced", "out");
  }

  @Test
  void aPrefixMarksACommandAndIsRemoved() {
    assertThat(CommandLine.parse("/help key", "/!")).contains(new CommandLine(List.of("help", "key"), true));
    assertThat(CommandLine.parse("  !reset", "/!")).contains(new CommandLine(List.of("reset"), true));
    assertThat(CommandLine.parse("help", "/!")).contains(new CommandLine(List.of("help"), false));
    assertThat(CommandLine.parse("#note", "#")).contains(new CommandLine(List.of("note"), true));
  }

  @Test
  void aPrefixAloneOrFollowedBySpaceIsNoCommand() {
    assertThat(CommandLine.parse("/", "/!")).isEmpty();
    assertThat(CommandLine.parse("/ help", "/!")).isEmpty();
    assertThat(CommandLine.parse("   ", "/!")).isEmpty();
    assertThat(CommandLine.parse(null, "/!")).isEmpty();
  }
}
