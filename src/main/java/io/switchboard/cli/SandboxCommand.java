package io.switchboard.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code switchboard sandbox build [profile...]}: the sandbox's images, built locally from Debian packages. */
@Command(name = "sandbox", description = "The code sandbox's Docker images.", subcommands = SandboxCommand.Build.class)
class SandboxCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(System.err);
    return 2;
  }

  @Command(name = "build", description = "Build the images of the shipped profiles (python, shell) that are missing, from Debian packages"
      + " with debootstrap: no image registry is needed. Needs root, debootstrap and a running Docker daemon. Running it again changes nothing.")
  static class Build implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "PROFILE", description = "python, shell (default: both)")
    List<String> profiles = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
      Path script = Files.createTempFile("switchboard-sandbox-build-", ".sh");
      try (InputStream packaged = SandboxCommand.class.getResourceAsStream("/sandbox/build-images.sh")) {
        if (packaged == null) {
          System.err.println("the build script is missing from this build (sandbox/build-images.sh)");
          return 1;
        }
        Files.copy(packaged, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(profiles);
        return new ProcessBuilder(command).inheritIO().start().waitFor();
      } finally {
        Files.deleteIfExists(script);
      }
    }
  }
}
