package io.switchboard.broker;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.boot.autoconfigure.amqp.RabbitConnectionDetails;

/**
 * An {@code amqp://user:pass@host:port/vhost} URI (RabbitMQ's URI spec) as the connection Spring AMQP opens.
 * ({@code amqps://} URIs additionally need {@code spring.rabbitmq.ssl.enabled=true}.)
 */
record BrokerUri(String host, int port, String username, String password, String virtualHost) implements RabbitConnectionDetails {

  static BrokerUri parse(String uri) {
    URI parsed = URI.create(uri.strip());
    String scheme = parsed.getScheme();
    if (!"amqp".equals(scheme) && !"amqps".equals(scheme)) {
      throw new IllegalArgumentException("switchboard.broker.url must be an amqp:// or amqps:// URI");
    }
    if (parsed.getHost() == null) {
      throw new IllegalArgumentException("switchboard.broker.url has no host");
    }
    int port = parsed.getPort() > 0 ? parsed.getPort() : "amqps".equals(scheme) ? 5671 : 5672;
    String username = "guest";
    String password = "guest";
    String userInfo = parsed.getRawUserInfo();
    if (userInfo != null) {
      String[] credentials = userInfo.split(":", 2);
      username = decode(credentials[0]);
      password = credentials.length == 2 ? decode(credentials[1]) : "";
    }
    String path = parsed.getRawPath();
    // "amqp://host" and "amqp://host/" use the default vhost "/"; "/%2F" names it explicitly
    String virtualHost = path == null || path.length() <= 1 ? "/" : decode(path.substring(1));
    return new BrokerUri(parsed.getHost(), port, username, password, virtualHost);
  }

  @Override
  public String getUsername() {
    return username;
  }

  @Override
  public String getPassword() {
    return password;
  }

  @Override
  public String getVirtualHost() {
    return virtualHost;
  }

  @Override
  public List<Address> getAddresses() {
    return List.of(new Address(host, port));
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "amqp://" + username + "@" + host + ":" + port + "/" + virtualHost;
  }

  private static String decode(String part) {
    return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
