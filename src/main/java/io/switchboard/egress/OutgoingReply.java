package io.switchboard.egress;

import io.switchboard.envelope.Envelope;

/**
 * One reply on its way to a platform. It lives as long as the delivery, across retries, so that a reply sent as
 * several platform messages resumes after those already sent instead of repeating them.
 */
public final class OutgoingReply {

  private final Envelope reply;
  private int sent;

  public OutgoingReply(Envelope reply) {
    this.reply = reply;
  }

  public Envelope reply() {
    return reply;
  }

  /** How many of the reply's platform messages have gone out. */
  public int sent() {
    return sent;
  }

  /** Marks one more platform message as delivered. */
  public void messageSent() {
    sent++;
  }
}
