package io.switchboard.cli;

import io.switchboard.config.SwitchboardProperties;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Writes {@link RunningServe}'s marker when the service is ready, removes it on shutdown. */
@Component
@ConditionalOnWebApplication
class ServeMarker {

  private final SwitchboardProperties properties;

  ServeMarker(SwitchboardProperties properties) {
    this.properties = properties;
  }

  @EventListener
  void ready(ApplicationReadyEvent event) throws IOException {
    if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
      RunningServe.write(properties.dataDir(), web.getWebServer().getPort());
    }
  }

  @EventListener
  void closed(ContextClosedEvent event) throws IOException {
    RunningServe.remove(properties.dataDir());
  }
}
