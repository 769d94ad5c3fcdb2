package io.switchboard.webhook;

/** An inbound webhook request that is refused before anything is published: bad signature, stale, malformed. */
public class WebhookRejectedException extends RuntimeException {

  private final int status;

  public WebhookRejectedException(int status, String reason) {
    super(reason);
    this.status = status;
  }

  public static WebhookRejectedException unauthorized(String reason) {
    return new WebhookRejectedException(401, reason);
  }

  public static WebhookRejectedException badRequest(String reason) {
    return new WebhookRejectedException(400, reason);
  }

  public int status() {
    return status;
  }
}
