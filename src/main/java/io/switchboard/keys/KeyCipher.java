package io.switchboard.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts users' API keys at rest: AES-256-GCM with a random 12-byte IV, the key derived as SHA-256 of the
 * configured secret ({@code switchboard.keys.secret}). GCM authenticates too, so a changed secret or a tampered value
 * fails to decrypt instead of yielding garbage.
 */
public final class KeyCipher {

  private static final String VERSION = "v1:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  public KeyCipher(String secret) {
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("switchboard.keys.secret is not set");
    }
    try {
      key = new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)), "AES");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String encrypt(String plaintext) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[iv.length + sealed.length];
      System.arraycopy(iv, 0, out, 0, iv.length);
      System.arraycopy(sealed, 0, out, iv.length, sealed.length);
      return VERSION + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt", e);
    }
  }

  public String decrypt(String stored) {
    if (stored == null || !stored.startsWith(VERSION)) {
      throw new IllegalArgumentException("not an encrypted key");
    }
    byte[] in = Base64.getDecoder().decode(stored.substring(VERSION.length()));
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
      return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot decrypt: the secret changed or the value was altered");
    }
  }

  /** What may be shown of a key: its last four characters. */
  public static String hint(String apiKey) {
    return "…" + (apiKey.length() <= 4 ? "" : apiKey.substring(apiKey.length() - 4));
  }
}
