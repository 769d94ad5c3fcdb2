package io.switchboard.security;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Prints a one-time login link for the web chat when the service is ready, as Jupyter does: whoever sees the
 * console of the machine it runs on can open the chat without a key. Printed to the console, not logged, so it
 * does not end up in log files; it is used up by its first use and expires after {@link #VALID_FOR}.
 */
@Component
@ConditionalOnWebApplication
public class LoginLinkAnnouncer {

  static final Duration VALID_FOR = Duration.ofHours(12);

  private final WebLogins logins;
  private final ServerPorts ports;
  private final SecuritySettings settings;
  private final boolean enabled;

  LoginLinkAnnouncer(WebLogins logins, ServerPorts ports, SecuritySettings settings,
      @Value("${switchboard.web.login-link:true}") boolean enabled) {
    this.logins = logins;
    this.ports = ports;
    this.settings = settings;
    this.enabled = enabled;
  }

  @EventListener(ApplicationReadyEvent.class)
  void announce() {
    if (!enabled || ports.main() <= 0) {
      return;
    }
    String token = logins.issue(settings.loginUser(), VALID_FOR);
    System.out.println();
    System.out.println("  Web chat: " + link(settings.serverAddress(), ports.main(), token));
    System.out.println("  (a one-time login link, valid for " + VALID_FOR.toHours() + " h; `switchboard login` prints a new one)");
    System.out.println();
    System.out.flush();
  }

  public static String link(String serverAddress, int port, String token) {
    String host = serverAddress == null || serverAddress.isBlank() || serverAddress.equals("0.0.0.0") || serverAddress.equals("::")
        ? "localhost" : serverAddress.contains(":") ? "[" + serverAddress + "]" : serverAddress;
    return "http://" + host + ":" + port + "/?token=" + token;
  }
}
