package io.switchboard.adapter.http;

import io.switchboard.webhook.WebhookRejectedException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The generic HTTP bot's signature, both directions: header {@code X-Switchboard-Signature: v1=<hex>}, where hex is
 * HMAC-SHA256(secret, timestamp + "." + body) and the timestamp (Unix seconds) is sent in
 * {@code X-Switchboard-Timestamp}. Requests more than 5 minutes from now are refused, so a captured request cannot be
 * replayed later.
 */
public final class HttpSignature {

  public static final String SIGNATURE_HEADER = "X-Switchboard-Signature";
  public static final String TIMESTAMP_HEADER = "X-Switchboard-Timestamp";
  public static final Duration WINDOW = Duration.ofMinutes(5);

  private HttpSignature() {}

  public static String sign(String secret, String timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return "v1=" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @throws WebhookRejectedException 401 with the reason, when the signature is missing, forged or stale */
  public static void verify(String secret, String timestamp, String body, String signature, Instant now) {
    if (timestamp == null || signature == null) {
      throw WebhookRejectedException.unauthorized("missing " + TIMESTAMP_HEADER + " or " + SIGNATURE_HEADER);
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      throw WebhookRejectedException.unauthorized(TIMESTAMP_HEADER + " must be Unix seconds");
    }
    if (Math.abs(now.getEpochSecond() - seconds) > WINDOW.toSeconds()) {
      throw WebhookRejectedException.unauthorized("stale request: the timestamp is more than 5 minutes from now");
    }
    byte[] expected = sign(secret, timestamp.strip(), body).getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.UTF_8))) {
      throw WebhookRejectedException.unauthorized("the signature does not match");
    }
  }
}
