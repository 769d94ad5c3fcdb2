package io.switchboard.cli;

import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The arguments a command hands on to Spring: settings written {@code --name=value} ({@code --server.port=9090}).
 * Anything else is a mistake (a typo, an unknown option) and is refused with the usage, rather than ignored.
 */
final class SpringArguments {

  private static final Pattern SETTING = Pattern.compile("--[A-Za-z0-9][A-Za-z0-9._\\-\\[\\]]*=.*");

  private SpringArguments() {}

  static String[] checked(CommandSpec spec, String[] arguments) {
    for (String argument : arguments) {
      if (!SETTING.matcher(argument).matches()) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "Unknown option or argument: '" + argument + "' (settings are passed as --name=value, e.g. --server.port=9090)");
      }
    }
    return arguments;
  }
}
