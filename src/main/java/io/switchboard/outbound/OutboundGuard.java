package io.switchboard.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Decides whether Switchboard may connect to a URL a user or a model chose (a feed, an own-key model endpoint, a
 * media part to upload). The host is resolved and every address it resolves to must be public: loopback, private,
 * link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, unique-local, multicast, reserved and
 * unspecified addresses are refused, unless {@code switchboard.outbound.allow} admits them. Entries there are IP
 * ranges ({@code 10.1.0.0/16}, {@code 127.0.0.1}), host names ({@code feeds.intranet}) or {@code host:port}.
 *
 * <p>The connection then resolves the name again through the JVM's address cache (30 s by default), which the check
 * has just filled, so a name cannot be re-pointed at a private address between the check and the connect in practice.
 */
@Component
public class OutboundGuard {

  private static final List<AddressRange> NOT_PUBLIC = List.of(
      "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
      "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
      "::/128", "::1/128", "64:ff9b::/96", "100::/64", "2001:db8::/32", "fc00::/7", "fe80::/10", "ff00::/8")
      .stream().map(AddressRange::parse).toList();

  private final List<AddressRange> allowedRanges = new ArrayList<>();
  private final List<String> allowedHosts = new ArrayList<>();

  public OutboundGuard(@Value("${switchboard.outbound.allow:}") List<String> allow) {
    for (String entry : allow) {
      String value = entry.strip().toLowerCase(Locale.ROOT);
      if (value.isEmpty()) {
        continue;
      }
      if (AddressRange.isLiteral(value) && !value.matches("[0-9.]+:\\d+")) {
        allowedRanges.add(AddressRange.parse(value));
      } else {
        allowedHosts.add(value);
      }
    }
  }

  /** @throws OutboundRefusedException with the reason, when the URL may not be fetched */
  public void check(URI uri) throws OutboundRefusedException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new OutboundRefusedException("refused: only http and https URLs can be fetched");
    }
    String host = uri.getHost();
    if (host == null || host.isBlank()) {
      throw new OutboundRefusedException("refused: the URL has no host");
    }
    String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    String name = bareHost.toLowerCase(Locale.ROOT);
    if (allowedHosts.contains(name) || allowedHosts.contains(name + ":" + port)) {
      return;
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(bareHost);
    } catch (UnknownHostException e) {
      throw new OutboundRefusedException("unreachable: the host is unknown", true);
    }
    for (InetAddress address : addresses) {
      if (!isPublic(address) && allowedRanges.stream().noneMatch(r -> r.contains(address))) {
        throw new OutboundRefusedException("refused: " + bareHost + " is not a public address (an operator can allow it: switchboard.outbound.allow)");
      }
    }
  }

  static boolean isPublic(InetAddress address) {
    return !(address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
        || address.isMulticastAddress() || NOT_PUBLIC.stream().anyMatch(r -> r.contains(address)));
  }
}
