package io.switchboard.testing;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real RabbitMQ and PostgreSQL the tests run against (started by {@code .ci/run}). Tests use their own virtual host
 * and a fresh schema, so they never touch anything else on those servers.
 */
public final class RealInfrastructure {

  public static final String RABBITMQ_HOST = env("SWITCHBOARD_TEST_RABBITMQ_HOST", "127.0.0.1");
  public static final int RABBITMQ_PORT = Integer.parseInt(env("SWITCHBOARD_TEST_RABBITMQ_PORT", "5672"));
  public static final String VHOST = "switchboard-test";
  public static final String POSTGRES = env("SWITCHBOARD_TEST_POSTGRES", "jdbc:postgresql://127.0.0.1:5432/");
  public static final String POSTGRES_USER = env("SWITCHBOARD_TEST_POSTGRES_USER", "postgres");
  public static final String DATABASE = "switchboard_test";

  private RealInfrastructure() {}

  public static String brokerUrl() {
    return "amqp://guest:guest@" + RABBITMQ_HOST + ":" + RABBITMQ_PORT + "/" + VHOST;
  }

  /** Ensures the test vhost exists and holds none of Switchboard's queues from an earlier run. */
  public static void freshVirtualHost() throws Exception {
    ensureVirtualHost();
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(brokerUrl());
    try (Connection connection = factory.newConnection()) {
      for (String queue : List.of("sb.ingress", "sb.dead", "sb.pipeline.0", "sb.pipeline.1", "sb.pipeline.2", "sb.pipeline.3", "sb.egress.ops", "sb.feeds.router", "sb.tools")) {
        try (Channel channel = connection.createChannel()) {
          channel.queueDelete(queue);
        }
      }
    }
  }

  /** A new, empty schema in the test database; returns its JDBC URL. */
  public static String freshSchema() throws SQLException {
    try (var admin = DriverManager.getConnection(POSTGRES + "postgres", POSTGRES_USER, "")) {
      var exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
      exists.setString(1, DATABASE);
      if (!exists.executeQuery().next()) {
        admin.createStatement().execute("CREATE DATABASE " + DATABASE);
      }
    }
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (var db = DriverManager.getConnection(POSTGRES + DATABASE, POSTGRES_USER, "")) {
      db.createStatement().execute("CREATE SCHEMA " + schema);
    }
    return POSTGRES + DATABASE + "?currentSchema=" + schema;
  }

  /** Drops a schema made by {@link #freshSchema()}, given its JDBC URL. */
  /**
   * Points a test context at the real RabbitMQ (a fresh vhost) and PostgreSQL (a fresh schema), with its own data
   * directory. @return the schema's JDBC URL, for {@link #dropSchema} after the class
   */
  public static String use(DynamicPropertyRegistry registry, String name) throws Exception {
    freshVirtualHost();
    String db = freshSchema();
    TestData.freshDataDirectory(registry, name);
    registry.add("switchboard.broker.url", RealInfrastructure::brokerUrl);
    registry.add("switchboard.db.url", () -> db);
    registry.add("switchboard.db.username", () -> POSTGRES_USER);
    return db;
  }

  public static void dropSchema(String jdbcUrl) throws SQLException {
    String schema = jdbcUrl.substring(jdbcUrl.indexOf("currentSchema=") + "currentSchema=".length());
    try (var db = DriverManager.getConnection(POSTGRES + DATABASE, POSTGRES_USER, "")) {
      db.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private static void ensureVirtualHost() throws IOException, InterruptedException {
    ConnectionFactory factory = new ConnectionFactory();
    try {
      factory.setUri(brokerUrl());
      factory.newConnection().close();
    } catch (IOException | java.util.concurrent.TimeoutException | java.net.URISyntaxException | java.security.GeneralSecurityException e) {
      // the vhost is missing on a fresh broker: create it as .ci/run does
      run("rabbitmqctl", "add_vhost", VHOST);
      run("rabbitmqctl", "set_permissions", "-p", VHOST, "guest", ".*", ".*", ".*");
    }
  }

  /**
   * A broker account for an outside producer, with the permissions docs/security.md recommends: it may publish to
   * {@code sb.ingress} and {@code sb.feeds} only, and neither configure nor read anything.
   */
  public static void producerAccount(String user, String password) throws IOException, InterruptedException {
    Process delete = new ProcessBuilder("rabbitmqctl", "-q", "delete_user", user).redirectErrorStream(true).start();
    delete.getInputStream().readAllBytes();
    delete.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
    run("rabbitmqctl", "-q", "add_user", user, password);
    run("rabbitmqctl", "-q", "set_permissions", "-p", VHOST, user, "^$", "^sb\\.(ingress|feeds)$", "^$");
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).inheritIO().start();
    if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("failed: " + String.join(" ", command) + " (is RabbitMQ running? see .ci/run)");
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
