package io.switchboard.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * A subcommand that works on the store alone ({@link OfflineStore}): {@code user …}, {@code token …}, {@code login}.
 * It takes Spring settings as {@code --name=value}, e.g. {@code --switchboard.data-dir=…}, and refuses anything else.
 */
abstract class StoreCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Unmatched String[] springArguments = new String[0];

  /** The Spring settings given, checked. */
  String[] settings() {
    return SpringArguments.checked(spec, springArguments);
  }
}
