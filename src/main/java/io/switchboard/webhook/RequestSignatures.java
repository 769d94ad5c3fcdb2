package io.switchboard.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The building blocks of timestamped HMAC request signatures, shared by the adapters that use them. */
public final class RequestSignatures {

  private RequestSignatures() {}

  public static String hmacSha256Hex(String secret, String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How far a signed timestamp may be from now: a captured request cannot be replayed later than this. */
  public static final Duration FRESHNESS = Duration.ofMinutes(5);

  /**
   * Refuses (401) a request without both headers, with a timestamp that is not Unix seconds or is further than
   * {@code window} from now, or whose signature differs from {@code expected} (compared in constant time).
   */
  public static void verify(String timestampHeader, String timestamp, String signatureHeader, String signature, Instant now,
      Duration window, Function<String, String> expected) {
    if (timestamp == null || signature == null) {
      throw WebhookRejectedException.unauthorized("missing " + timestampHeader + " or " + signatureHeader);
    }
    requireFresh(timestampHeader, timestamp, now, window);
    byte[] wanted = expected.apply(timestamp.strip()).getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(wanted, signature.strip().getBytes(StandardCharsets.UTF_8))) {
      throw WebhookRejectedException.unauthorized("the signature does not match");
    }
  }

  /** Refuses (401) a signed timestamp (Unix seconds) that is missing, malformed, or further than {@code window} from now. */
  public static void requireFresh(String timestampName, String timestamp, Instant now, Duration window) {
    long seconds;
    try {
      seconds = Long.parseLong(timestamp == null ? "" : timestamp.strip());
    } catch (NumberFormatException e) {
      throw WebhookRejectedException.unauthorized(timestampName + " must be Unix seconds");
    }
    if (Math.abs(now.getEpochSecond() - seconds) > window.toSeconds()) {
      throw WebhookRejectedException.unauthorized("stale request: the timestamp is more than " + window.toMinutes() + " minutes from now");
    }
  }
}
