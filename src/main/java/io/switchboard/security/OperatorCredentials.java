package io.switchboard.security;

import io.switchboard.config.SecretFiles;
import io.switchboard.config.SwitchboardProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The operator's credentials for the management port (Hawtio, Jolokia, actuator) and the operator endpoints (dead
 * letters, users, producer tokens, subscriptions): {@code switchboard.operator.username} and {@code .password}, or, with
 * no password configured, one generated into {@code <data-dir>/operator-password} (0600) on first start.
 */
@Component
public class OperatorCredentials {

  static final String GENERATED_FILE = "operator-password";
  private static final Logger log = LoggerFactory.getLogger(OperatorCredentials.class);

  private final String username;
  // only a digest is kept, compared in constant time; the password itself is not held by this object
  private final byte[] passwordDigest;
  private final Path generatedFile;

  public OperatorCredentials(@Value("${switchboard.operator.username:operator}") String username,
      @Value("${switchboard.operator.password:}") String password, SwitchboardProperties properties) {
    this.username = username == null || username.isBlank() ? "operator" : username.strip();
    if (password == null || password.isBlank()) {
      this.generatedFile = properties.dataDir().resolve(GENERATED_FILE).toAbsolutePath();
      boolean existed = SecretFiles.exists(generatedFile);
      this.passwordDigest = digest(SecretFiles.readOrCreate(generatedFile));
      log.info("Operator credentials: user '{}', password {} {} (mode 0600; set switchboard.operator.password to choose one)",
          this.username, existed ? "in" : "generated into", generatedFile);
    } else {
      this.generatedFile = null;
      this.passwordDigest = digest(password);
    }
  }

  public String username() {
    return username;
  }

  /** The file holding a generated password, when none is configured. */
  public Optional<Path> generatedFile() {
    return Optional.ofNullable(generatedFile);
  }

  public boolean matches(String user, String password) {
    if (user == null || password == null) {
      return false;
    }
    boolean nameMatches = MessageDigest.isEqual(user.getBytes(StandardCharsets.UTF_8), username.getBytes(StandardCharsets.UTF_8));
    boolean passwordMatches = MessageDigest.isEqual(digest(password), passwordDigest);
    return nameMatches & passwordMatches;
  }

  private static byte[] digest(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
