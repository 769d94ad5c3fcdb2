package io.switchboard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code switchboard}: the one executable. Without a subcommand it serves. */
@Command(
    name = "switchboard",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "IM <-> LLM switchboard on Apache Camel and RabbitMQ.",
    subcommands = {ServeCommand.class, ChatCommand.class, InitCommand.class, ConfigCommand.class, TokenCommand.class})
public class SwitchboardCommand implements Runnable {

  @CommandLine.Unmatched private String[] springArguments = new String[0];

  /** Set once {@code serve} has started: the service then lives on in its own threads. */
  static volatile boolean serving;

  public static void main(String[] args) {
    int code = new CommandLine(new SwitchboardCommand()).execute(args);
    if (code != 0 || !serving) {
      System.exit(code);
    }
  }

  @Override
  public void run() {
    new ServeCommand(springArguments).call();
  }
}
