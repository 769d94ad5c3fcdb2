package io.switchboard.deadletter;

import io.switchboard.bus.BusTopology;
import io.switchboard.channel.IngressPublisher;
import io.switchboard.envelope.EnvelopeCodec;
import io.switchboard.pipeline.ProcessedEvents;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Replays a dead letter: an event that failed on its way in goes to the ingress again and is processed as new; a reply
 * a platform did not take goes back to its bot's egress queue and is sent again.
 */
@Component
public class DeadLetterReplay {

  private final DeadLetterStore store;
  private final IngressPublisher publisher;
  private final ProcessedEvents processed;
  private final EnvelopeCodec codec;

  DeadLetterReplay(DeadLetterStore store, IngressPublisher publisher, ProcessedEvents processed, EnvelopeCodec codec) {
    this.store = store;
    this.publisher = publisher;
    this.processed = processed;
    this.codec = codec;
  }

  /** @return the dead letter replayed, or empty when there is none with that id */
  public Optional<DeadLetterStore.DeadLetter> replay(String id) {
    Optional<DeadLetterStore.DeadLetter> found = store.find(id);
    found.ifPresent(
        letter -> {
          String routingKey = letter.routingKey() == null ? "replay" : letter.routingKey();
          try {
            // the event (or the reply's "sent" marker) is forgotten, so it is processed (or sent) again
            processed.forget(codec.decode(letter.body()).dedupeKey());
          } catch (IllegalArgumentException notAnEvent) {
            // replayed as it is: the ingress dead-letters it again with its reason
          }
          boolean reply = BusTopology.EGRESS.equals(letter.sourceExchange());
          publisher.publishTo(reply ? BusTopology.EGRESS : BusTopology.INGRESS, letter.body(), routingKey);
          store.markReplayed(id);
        });
    return found;
  }
}
