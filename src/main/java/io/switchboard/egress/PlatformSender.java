package io.switchboard.egress;

import io.switchboard.envelope.Envelope;

import java.io.IOException;

/**
 * A platform's sending side, kept apart from Camel: the shared bot-sink route (routes/bot-sink.camel.yaml) does the
 * queueing, ordering, rate limits, sent marker and retries, and hands each reply to the sender of the bot's adapter.
 * A new platform implements this and names its adapter.
 */
public interface PlatformSender {

  /** The adapter this sender serves: the folder name under {@code adapters/}. */
  String adapter();

  /**
   * Sends one reply. A failure worth retrying (429, 5xx, the network) is a {@link TransientDeliveryException},
   * with the platform's retry-after when it gave one; a refusal for good is a {@link PermanentDeliveryException}.
   * A reply that becomes several platform messages resumes after those already sent ({@link OutgoingReply#sent}).
   */
  void send(OutgoingReply outgoing) throws IOException, InterruptedException;

  /**
   * Shows the answer so far ({@code message.partial}), for an adapter whose manifest lists the {@code stream}
   * capability. Best effort: the reply always follows and is sent by {@link #send}, so a partial the platform refuses,
   * or one that comes too soon after the last, is simply not shown.
   */
  default void partial(Envelope partial) throws IOException, InterruptedException {}
}
