package io.switchboard.outbound;

/**
 * An outbound fetch that was not made or did not succeed, with a reason fit to show the user who steered it:
 * "unreachable", "refused: …", "HTTP 404", "larger than …" — never an exception's own text.
 */
public class OutboundRefusedException extends Exception {

  private final boolean transientFailure;

  /** Refused for good: not allowed, not a URL, too large. */
  public OutboundRefusedException(String reason) {
    this(reason, false);
  }

  public OutboundRefusedException(String reason, boolean transientFailure) {
    super(reason);
    this.transientFailure = transientFailure;
  }

  /** Whether trying again later may work (unreachable, timed out). */
  public boolean transientFailure() {
    return transientFailure;
  }
}
