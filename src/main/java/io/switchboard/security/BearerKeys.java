package io.switchboard.security;

import io.switchboard.config.SecretFiles;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Random bearer values and how they are stored. A value carries 256 random bits behind a prefix naming its kind
 * ({@code sbk_} user key, {@code sbp_} producer token, {@code sbl_} login link), so an unsalted SHA-256 is enough to
 * keep and lets a request be looked up by it; the plaintext is shown once and never stored.
 */
public final class BearerKeys {

  private BearerKeys() {}

  public static String generate(String prefix) {
    return prefix + SecretFiles.random(32);
  }

  public static String hash(String plaintext) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plaintext.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
