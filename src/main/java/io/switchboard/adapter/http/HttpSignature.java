package io.switchboard.adapter.http;

import io.switchboard.webhook.RequestSignatures;
import java.time.Duration;
import java.time.Instant;

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
    return "v1=" + RequestSignatures.hmacSha256Hex(secret, timestamp + "." + body);
  }

  /** @throws io.switchboard.webhook.WebhookRejectedException 401 with the reason: missing, forged or stale */
  public static void verify(String secret, String timestamp, String body, String signature, Instant now) {
    RequestSignatures.verify(TIMESTAMP_HEADER, timestamp, SIGNATURE_HEADER, signature, now, WINDOW, ts -> sign(secret, ts, body));
  }
}
