package io.switchboard.store;

import io.switchboard.config.SecretFiles;
import io.switchboard.config.SwitchboardProperties;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.springframework.boot.autoconfigure.jdbc.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The database: PostgreSQL (or any JDBC URL) at {@code switchboard.db.url}, or with none an embedded H2 file under the
 * data directory. Flyway migrates whichever it is at start-up.
 *
 * <p>The embedded H2 runs in its automatic mixed mode, so that the CLI ({@code user}, {@code token}, {@code login})
 * can use it while the service runs: the first process opens a TCP server for the others. That server listens on
 * loopback only ({@code h2.bindAddress}), and the database has a generated password, kept in
 * {@code <data-dir>/h2/password} (0600), so no other user or machine can open it.
 */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

  static final String USER = "sa";

  @Bean
  JdbcConnectionDetails jdbcConnectionDetails(SwitchboardProperties properties) {
    SwitchboardProperties.Db db = properties.db();
    boolean embedded = db.url() == null || db.url().isBlank();
    String url;
    String username;
    String password;
    if (embedded) {
      // read by H2 when its first class loads: the automatic server then binds to (and advertises) loopback only
      System.setProperty("h2.bindAddress", "127.0.0.1");
      Path dir = properties.dataDir().toAbsolutePath().resolve("h2");
      url = "jdbc:h2:file:" + dir.resolve("switchboard") + ";AUTO_SERVER=TRUE";
      username = USER;
      password = embeddedPassword(url, dir.resolve("password"));
    } else {
      url = db.url();
      username = blankToEmpty(db.username());
      password = blankToEmpty(db.password());
    }
    return new JdbcConnectionDetails() {
      @Override
      public String getUsername() {
        return username;
      }

      @Override
      public String getPassword() {
        return password;
      }

      @Override
      public String getJdbcUrl() {
        return url;
      }
    };
  }

  /**
   * The embedded database's password, generated on first use. A database made before there was one (empty password)
   * gets it set now.
   */
  static String embeddedPassword(String url, Path file) {
    boolean existed = SecretFiles.exists(file);
    String password = SecretFiles.readOrCreate(file);
    if (!existed) {
      try (var connection = DriverManager.getConnection(url, USER, ""); var statement = connection.createStatement()) {
        // the generated password is URL-safe Base64: nothing in it needs quoting
        statement.execute("ALTER USER " + USER + " SET PASSWORD '" + password + "'");
      } catch (SQLException noOldDatabaseOrPasswordSetAlready) {
        // a new database is created with the password by the first connection with it
      }
    }
    return password;
  }

  private static String blankToEmpty(String value) {
    return value == null ? "" : value;
  }
}
