package io.switchboard.adapter.slack;

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
 * Slack's request signing, v0: {@code X-Slack-Signature = "v0=" + hex(HMAC-SHA256(signing secret, "v0:" + timestamp +
 * ":" + raw body))}, with {@code X-Slack-Request-Timestamp} within 5 minutes of now.
 */
public final class SlackSignature {

  public static final String SIGNATURE_HEADER = "X-Slack-Signature";
  public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
  static final Duration WINDOW = Duration.ofMinutes(5);

  private SlackSignature() {}

  public static String sign(String signingSecret, String timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void verify(String signingSecret, String timestamp, String body, String signature, Instant now) {
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
    byte[] expected = sign(signingSecret, timestamp.strip(), body).getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.UTF_8))) {
      throw WebhookRejectedException.unauthorized("the signature does not match");
    }
  }
}
