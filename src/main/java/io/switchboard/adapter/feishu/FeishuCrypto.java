package io.switchboard.adapter.feishu;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Feishu's event crypto. Encryption: AES-256-CBC with key = SHA-256(encrypt key), the 16-byte IV prepended to the
 * ciphertext, Base64 of both, PKCS#7 padding. Signature: hex(SHA-256(timestamp + nonce + encrypt key + raw body)) — a
 * plain digest, not an HMAC.
 */
public final class FeishuCrypto {

  private FeishuCrypto() {}

  public static String decrypt(String encryptKey, String encrypted) {
    try {
      byte[] raw = Base64.getDecoder().decode(encrypted);
      Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding"); // PKCS5 in the JDK's name is PKCS#7 for AES blocks
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(sha256(encryptKey), "AES"), new IvParameterSpec(Arrays.copyOf(raw, 16)));
      return new String(cipher.doFinal(raw, 16, raw.length - 16), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot decrypt the event: " + e.getMessage(), e);
    }
  }

  public static String encrypt(String encryptKey, String plain) {
    try {
      byte[] iv = new byte[16];
      new SecureRandom().nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(sha256(encryptKey), "AES"), new IvParameterSpec(iv));
      byte[] body = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] all = Arrays.copyOf(iv, 16 + body.length);
      System.arraycopy(body, 0, all, 16, body.length);
      return Base64.getEncoder().encodeToString(all);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String signature(String timestamp, String nonce, String encryptKey, String body) {
    return HexFormat.of().formatHex(sha256(timestamp + nonce + encryptKey + body));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
