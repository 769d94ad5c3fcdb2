package io.switchboard.cli;

import io.switchboard.SwitchboardApplication;
import java.util.concurrent.Callable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code switchboard serve}: the service, with the HTTP API, web chat and operations endpoints. */
@Command(name = "serve", description = "Run the Switchboard service (web chat at http://localhost:8080/).")
class ServeCommand implements Callable<Integer> {

  /** Extra arguments go to Spring, e.g. {@code --server.port=9090}. */
  @Unmatched private String[] springArguments = new String[0];

  ServeCommand() {}

  ServeCommand(String[] springArguments) {
    this.springArguments = springArguments;
  }

  @Override
  public Integer call() {
    new SpringApplicationBuilder(SwitchboardApplication.class)
        .web(WebApplicationType.SERVLET)
        .profiles("serve")
        .run(springArguments);
    SwitchboardCommand.serving = true;
    return 0;
  }
}
