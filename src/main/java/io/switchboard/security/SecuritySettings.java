package io.switchboard.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The settings of the trust boundaries: how API callers authenticate ({@code switchboard.api.auth}: {@code keys}, or
 * {@code open} for development on loopback only), which other origins may drive the management console and web chat,
 * and who a login link logs in.
 */
@Component
public class SecuritySettings {

  /** The user every unauthenticated request acts as with {@code switchboard.api.auth=open}. */
  public static final String OPEN_MODE_USER = "dev";

  private final boolean open;
  private final String serverAddress;
  private final Set<String> allowedOrigins;
  private final String loginUser;

  public SecuritySettings(@Value("${switchboard.api.auth:keys}") String auth, @Value("${server.address:}") String serverAddress,
      @Value("${switchboard.operator.allowed-origins:}") List<String> allowedOrigins,
      @Value("${switchboard.web.login-user:local}") String loginUser) {
    String mode = auth == null ? "keys" : auth.strip().toLowerCase(Locale.ROOT);
    if (!mode.equals("keys") && !mode.equals("open")) {
      throw new IllegalStateException("switchboard.api.auth must be 'keys' or 'open', not '" + auth + "'");
    }
    this.open = mode.equals("open");
    this.serverAddress = serverAddress == null ? "" : serverAddress.strip();
    this.allowedOrigins = allowedOrigins.stream().map(o -> o.strip().toLowerCase(Locale.ROOT).replaceAll("/+$", ""))
        .filter(o -> !o.isEmpty() && !o.contains("*")).collect(Collectors.toUnmodifiableSet());
    this.loginUser = loginUser;
  }

  /** Open mode is for a developer's own machine: refused (start-up fails) when the HTTP server is reachable from others. */
  void requireLoopbackForOpenMode() {
    if (open && !loopback(serverAddress)) {
      throw new IllegalStateException("switchboard.api.auth=open is refused: it turns API authentication off, so the HTTP server "
          + "must bind to loopback only (server.address=127.0.0.1); it is "
          + (serverAddress.isEmpty() ? "bound to every interface" : "bound to " + serverAddress));
    }
  }

  public boolean openMode() {
    return open;
  }

  Set<String> allowedOrigins() {
    return allowedOrigins;
  }

  String loginUser() {
    return loginUser;
  }

  public String serverAddress() {
    return serverAddress;
  }

  static boolean loopback(String address) {
    if (address == null || address.isBlank()) {
      return false;
    }
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
