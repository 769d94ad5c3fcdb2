package io.switchboard.adapter.dingtalk;

import io.switchboard.webhook.WebhookRejectedException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * DingTalk's callback signature: header {@code sign = Base64(HmacSHA256(key = app secret, timestamp + "\n" + app
 * secret))}, with header {@code timestamp} (milliseconds) within 5 minutes of now (DingTalk allows an hour; Switchboard refuses
 * older replays, as on every platform that signs a timestamp).
 */
public final class DingTalkSignature {

  static final Duration WINDOW = Duration.ofMinutes(5);

  private DingTalkSignature() {}

  public static String sign(String appSecret, String timestamp) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal((timestamp + "\n" + appSecret).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void verify(String appSecret, String timestamp, String sign, Instant now) {
    if (timestamp == null || sign == null) {
      throw WebhookRejectedException.unauthorized("missing timestamp or sign header");
    }
    long millis;
    try {
      millis = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      throw WebhookRejectedException.unauthorized("timestamp must be milliseconds");
    }
    if (Math.abs(now.toEpochMilli() - millis) > WINDOW.toMillis()) {
      throw WebhookRejectedException.unauthorized("stale request: the timestamp is more than 5 minutes from now");
    }
    byte[] expected = sign(appSecret, timestamp.strip()).getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected, sign.strip().getBytes(StandardCharsets.UTF_8))) {
      throw WebhookRejectedException.unauthorized("the signature does not match");
    }
  }
}
