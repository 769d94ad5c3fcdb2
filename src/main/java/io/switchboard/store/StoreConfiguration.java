package io.switchboard.store;

import io.switchboard.config.SwitchboardProperties;
import org.springframework.boot.autoconfigure.jdbc.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The database: PostgreSQL (or any JDBC URL) at {@code switchboard.db.url}, or with none an embedded H2 file under the
 * data directory (in H2's automatic mixed mode, so that the CLI can use it while the service runs). Flyway migrates
 * whichever it is at start-up.
 */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

  @Bean
  JdbcConnectionDetails jdbcConnectionDetails(SwitchboardProperties properties) {
    SwitchboardProperties.Db db = properties.db();
    boolean embedded = db.url() == null || db.url().isBlank();
    // AUTO_SERVER: a second process on the same data (the CLI's "token" while "serve" runs) connects through the first
    String url = embedded ? "jdbc:h2:file:" + properties.dataDir().toAbsolutePath().resolve("h2/switchboard") + ";AUTO_SERVER=TRUE" : db.url();
    String username = embedded ? "sa" : blankToEmpty(db.username());
    String password = embedded ? "" : blankToEmpty(db.password());
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

  private static String blankToEmpty(String value) {
    return value == null ? "" : value;
  }
}
