package io.switchboard.adapter.wecom;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
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
 * WeCom's callback crypto (developer.work.weixin.qq.com/document/path/91144). Signature: lower-case hex SHA-1 of the
 * sorted, concatenated token, timestamp, nonce and encrypted text. Encryption: AES-256-CBC, key =
 * Base64(EncodingAESKey + "="), IV = its first 16 bytes, PKCS#7 padding to 32-byte blocks; plaintext = 16 random bytes
 * + 4-byte big-endian length + message + receive id (the CorpID).
 */
public final class WeComCrypto {

  private static final int BLOCK = 32;

  private WeComCrypto() {}

  public static String signature(String token, String timestamp, String nonce, String encrypted) {
    String[] parts = {token, timestamp, nonce, encrypted};
    Arrays.sort(parts);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(String.join("", parts).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static boolean signatureMatches(String token, String timestamp, String nonce, String encrypted, String signature) {
    return signature != null
        && MessageDigest.isEqual(signature(token, timestamp, nonce, encrypted).getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
  }

  /** @throws IllegalArgumentException when it does not decrypt, or was meant for another receiver */
  public static String decrypt(String aesKey, String encrypted, String receiveId) {
    byte[] key = key(aesKey);
    byte[] plain;
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOf(key, 16)));
      plain = cipher.doFinal(Base64.getDecoder().decode(encrypted));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot decrypt: " + e.getMessage(), e);
    }
    int pad = plain[plain.length - 1] & 0xff;
    if (pad < 1 || pad > BLOCK || plain.length - pad < 20) {
      throw new IllegalArgumentException("cannot decrypt: bad padding");
    }
    byte[] content = Arrays.copyOf(plain, plain.length - pad);
    int length = ByteBuffer.wrap(content, 16, 4).getInt();
    if (length < 0 || 20 + length > content.length) {
      throw new IllegalArgumentException("cannot decrypt: bad length");
    }
    String message = new String(content, 20, length, StandardCharsets.UTF_8);
    String from = new String(content, 20 + length, content.length - 20 - length, StandardCharsets.UTF_8);
    if (!from.equals(receiveId)) {
      throw new IllegalArgumentException("meant for receive id '" + from + "', not this app");
    }
    return message;
  }

  public static String encrypt(String aesKey, String message, String receiveId) {
    byte[] key = key(aesKey);
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    byte[] body = message.getBytes(StandardCharsets.UTF_8);
    plain.writeBytes(random);
    plain.writeBytes(ByteBuffer.allocate(4).putInt(body.length).array());
    plain.writeBytes(body);
    plain.writeBytes(receiveId.getBytes(StandardCharsets.UTF_8));
    int pad = BLOCK - plain.size() % BLOCK;
    for (int i = 0; i < pad; i++) {
      plain.write(pad);
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOf(key, 16)));
      return Base64.getEncoder().encodeToString(cipher.doFinal(plain.toByteArray()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] key(String aesKey) {
    return Base64.getDecoder().decode(aesKey + "=");
  }
}
