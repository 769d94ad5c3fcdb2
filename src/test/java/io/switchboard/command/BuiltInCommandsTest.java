package io.switchboard.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BuiltInCommandsTest {

  @Test
  void commandsTakeEitherPrefixAndIgnoreCaseAndArguments() {
    assertThat(BuiltInCommands.commandName("/help")).contains("help");
    assertThat(BuiltInCommands.commandName("  !RESET now")).contains("reset");
    assertThat(BuiltInCommands.commandName("/whoami")).contains("whoami");
  }

  @Test
  void anythingElseGoesToTheModel() {
    assertThat(BuiltInCommands.commandName("help")).isEmpty();
    assertThat(BuiltInCommands.commandName("/unknown")).isEmpty();
    assertThat(BuiltInCommands.commandName("/")).isEmpty();
    assertThat(BuiltInCommands.commandName("")).isEmpty();
    assertThat(BuiltInCommands.commandName(null)).isEmpty();
  }
}
