package io.switchboard.adapter.slack;

import io.switchboard.webhook.RequestSignatures;
import java.time.Duration;
import java.time.Instant;

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
    return "v0=" + RequestSignatures.hmacSha256Hex(signingSecret, "v0:" + timestamp + ":" + body);
  }

  /** @throws io.switchboard.webhook.WebhookRejectedException 401 with the reason: missing, forged or stale */
  public static void verify(String signingSecret, String timestamp, String body, String signature, Instant now) {
    RequestSignatures.verify(TIMESTAMP_HEADER, timestamp, SIGNATURE_HEADER, signature, now, WINDOW, ts -> sign(signingSecret, ts, body));
  }
}
