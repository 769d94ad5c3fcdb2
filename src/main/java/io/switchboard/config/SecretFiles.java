package io.switchboard.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets Switchboard generates for itself (the operator password, the embedded database's password): kept in files
 * under the data directory that only the owner can read (0600), created atomically so that two processes starting on
 * the same data agree on one value.
 */
public final class SecretFiles {

  private static final SecureRandom RANDOM = new SecureRandom();

  private SecretFiles() {}

  /** A random URL-safe value of {@code bytes} random bytes. */
  public static String random(int bytes) {
    byte[] value = new byte[bytes];
    RANDOM.nextBytes(value);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
  }

  /** The secret in {@code file}, or a new random one written there (0600) when there is none. */
  public static String readOrCreate(Path file) {
    try {
      if (Files.isRegularFile(file)) {
        return read(file);
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      String secret = random(24);
      try {
        writeNew(file, secret);
        return secret;
      } catch (FileAlreadyExistsException raced) {
        return read(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the secret file " + file, e);
    }
  }

  /** Whether the file is there (a secret generated earlier). */
  public static boolean exists(Path file) {
    return Files.isRegularFile(file);
  }

  private static String read(Path file) throws IOException {
    restrict(file);
    return Files.readString(file, StandardCharsets.UTF_8).strip();
  }

  private static void writeNew(Path file, String secret) throws IOException {
    if (posix(file)) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(file);
    }
    Files.writeString(file, secret + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** An older file with looser permissions is tightened: a secret file is the owner's alone. */
  private static void restrict(Path file) throws IOException {
    if (posix(file)) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
  }

  private static boolean posix(Path file) {
    return file.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
