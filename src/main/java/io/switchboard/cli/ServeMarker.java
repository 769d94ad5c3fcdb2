package io.switchboard.cli;

import io.switchboard.config.SwitchboardProperties;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Opens the terminal socket and writes {@link RunningServe}'s marker when the service is ready; removes both on
 * shutdown.
 */
@Component
@ConditionalOnWebApplication
class ServeMarker {

  private final SwitchboardProperties properties;
  private final TerminalSocket terminal;

  ServeMarker(SwitchboardProperties properties, TerminalSocket terminal) {
    this.properties = properties;
    this.terminal = terminal;
  }

  @EventListener
  void ready(ApplicationReadyEvent event) throws IOException {
    if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
      RunningServe.write(properties.dataDir(), web.getWebServer().getPort(), terminal.open());
    }
  }

  @EventListener
  void closed(ContextClosedEvent event) throws IOException {
    RunningServe.remove(properties.dataDir());
    terminal.close();
  }
}
