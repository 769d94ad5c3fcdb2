package io.switchboard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code switchboard}: the one executable. Without arguments it serves; an unknown subcommand or option prints the
 * usage and exits with 2 (it never starts a server by accident).
 */
@Command(
    name = "switchboard",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "IM <-> LLM switchboard on Apache Camel and RabbitMQ.",
    subcommands = {ServeCommand.class, ChatCommand.class, InitCommand.class, ConfigCommand.class, UserCommand.class, TokenCommand.class,
        LoginCommand.class, SandboxCommand.class})
public class SwitchboardCommand implements Runnable {

  /** Set once {@code serve} has started: the service then lives on in its own threads. */
  static volatile boolean serving;

  public static void main(String[] args) {
    int code = new CommandLine(new SwitchboardCommand())
        .setParameterExceptionHandler(SwitchboardCommand::usageError)
        .execute(args);
    if (code != 0 || !serving) {
      System.exit(code);
    }
  }

  /** A mistake on the command line: what was wrong, the nearest commands, and the usage; exit code 2. */
  static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    command.getErr().println(e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, command.getErr());
    command.usage(command.getErr());
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  @Override
  public void run() {
    new ServeCommand().call();
  }
}
