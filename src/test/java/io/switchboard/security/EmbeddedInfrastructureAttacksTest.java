package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The embedded database, reached the way another user on the machine, or another machine, would try. */
class EmbeddedInfrastructureAttacksTest extends SecurityTestContext {

  @Test
  void theEmbeddedDatabaseListensOnLoopbackWithAGeneratedPassword() throws Exception {
    Path h2 = dataDir.resolve("h2");
    // the automatic server (for the CLI beside a running serve) advertises its port in the lock file: loopback only
    Properties lock = new Properties();
    try (var in = Files.newInputStream(h2.resolve("switchboard.lock.db"))) {
      lock.load(in);
    }
    String server = lock.getProperty("server");
    assertThat(server).matches("(localhost|127\\.0\\.0\\.1):\\d+");
    assertThat(reachableFromAnotherAddress(Integer.parseInt(server.substring(server.indexOf(':') + 1)))).isFalse();
    // H2's default account (sa, no password) is not the way in
    String url = "jdbc:h2:file:" + h2.resolve("switchboard").toAbsolutePath() + ";AUTO_SERVER=TRUE";
    assertThatThrownBy(() -> DriverManager.getConnection(url, "sa", "").close()).isInstanceOf(SQLException.class)
        .hasMessageContaining("Wrong user name or password");
    assertThat(Files.getPosixFilePermissions(h2.resolve("password")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    stillHealthy();
  }
}
