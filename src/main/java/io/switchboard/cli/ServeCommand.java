package io.switchboard.cli;

import io.switchboard.SwitchboardApplication;
import java.util.concurrent.Callable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code switchboard serve}: the service, with the HTTP API, web chat and operations endpoints. */
@Command(name = "serve", description = "Run the Switchboard service (web chat at http://localhost:8080/).")
class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** Extra arguments go to Spring, e.g. {@code --server.port=9090}. */
  @Unmatched private String[] springArguments = new String[0];

  @Override
  public Integer call() {
    new SpringApplicationBuilder(SwitchboardApplication.class)
        .web(WebApplicationType.SERVLET)
        .profiles("serve")
        .run(spec == null ? springArguments : SpringArguments.checked(spec, springArguments));
    SwitchboardCommand.serving = true;
    return 0;
  }
}
