package io.switchboard.egress;

import java.time.Duration;

/** The platform may take the message later: a 429, a 5xx, a timeout. The sink retries with backoff. */
public class TransientDeliveryException extends RuntimeException {

  private final transient Duration retryAfter;

  public TransientDeliveryException(String reason, Duration retryAfter) {
    super(reason);
    this.retryAfter = retryAfter;
  }

  public TransientDeliveryException(String reason, Throwable cause) {
    super(reason, cause);
    this.retryAfter = null;
  }

  /** What the platform asked for ({@code Retry-After}, {@code retry_after}), or null for the default backoff. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
