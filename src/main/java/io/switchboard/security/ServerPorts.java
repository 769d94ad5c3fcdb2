package io.switchboard.security;

import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The ports the HTTP servers really listen on (random in tests): the main one (webhooks, API, web chat) and the
 * management one (Hawtio, Jolokia, actuator), so that a request can be told apart by where it arrived.
 */
@Component
public class ServerPorts {

  private static final String MANAGEMENT = "management";

  private volatile int main = -1;
  private volatile int management = -1;

  @EventListener
  void started(WebServerInitializedEvent event) {
    int port = event.getWebServer().getPort();
    if (MANAGEMENT.equals(event.getApplicationContext().getServerNamespace())) {
      management = port;
    } else {
      main = port;
    }
  }

  public int main() {
    return main;
  }

  public int management() {
    return management;
  }

  /** Whether a request arrived on the management port (never, when management shares the main port). */
  boolean onManagementPort(int localPort) {
    return management > 0 && management != main && localPort == management;
  }
}
