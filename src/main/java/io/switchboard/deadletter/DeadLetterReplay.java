package io.switchboard.deadletter;

import io.switchboard.bot.UserPlatforms;
import io.switchboard.bus.BusTopology;
import io.switchboard.channel.IngressPublisher;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.EnvelopeCodec;
import io.switchboard.envelope.Envelopes;
import io.switchboard.pipeline.ProcessedEvents;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Replays a dead letter: an event that failed on its way in goes to the ingress again and is processed as new; a reply
 * a platform did not take goes back to its bot's egress queue and is sent again. A letter is replayed once; again only
 * with {@code force}. A letter another AMQP producer published is replayed as that producer's event, stamped, and not
 * at all when it would act in a user platform's conversation.
 */
@Component
public class DeadLetterReplay {

  /** What became of a replay. */
  public enum Outcome { REPLAYED, NOT_FOUND, ALREADY_REPLAYED, REFUSED }

  public record Result(Outcome outcome, String reason, DeadLetterStore.DeadLetter letter) {}

  private final DeadLetterStore store;
  private final IngressPublisher publisher;
  private final ProcessedEvents processed;
  private final EnvelopeCodec codec;
  private final UserPlatforms userPlatforms;

  DeadLetterReplay(DeadLetterStore store, IngressPublisher publisher, ProcessedEvents processed, EnvelopeCodec codec, UserPlatforms userPlatforms) {
    this.store = store;
    this.publisher = publisher;
    this.processed = processed;
    this.codec = codec;
    this.userPlatforms = userPlatforms;
  }

  public Result replay(String id, boolean force) {
    Optional<DeadLetterStore.DeadLetter> found = store.find(id);
    if (found.isEmpty()) {
      return new Result(Outcome.NOT_FOUND, "no dead letter " + id, null);
    }
    DeadLetterStore.DeadLetter letter = found.get();
    Envelope event = decode(letter.body());
    String body = letter.body();
    if (letter.producer() != null && event != null) {
      if (userPlatforms.contains(event.conversation().platform())) {
        return new Result(Outcome.REFUSED, "this letter is AMQP producer " + letter.producer() + "'s event, which cannot act in "
            + event.conversation().platform() + " conversations", letter);
      }
      body = codec.encode(Envelopes.stampedByProducer(event, letter.producer()));
    }
    if (!store.claimReplay(id, force)) {
      return new Result(Outcome.ALREADY_REPLAYED, "replayed already at " + letter.replayedAt() + "; replay it again with force=true", letter);
    }
    try {
      if (event != null) {
        // the event (or the reply's "sent" marker) is forgotten, so it is processed (or sent) again
        processed.forget(event.dedupeKey());
      }
      boolean reply = BusTopology.EGRESS.equals(letter.sourceExchange());
      publisher.publishTo(reply ? BusTopology.EGRESS : BusTopology.INGRESS, body, letter.routingKey() == null ? "replay" : letter.routingKey());
    } catch (RuntimeException e) {
      store.releaseReplay(id, letter.replayedAt());
      throw e;
    }
    return new Result(Outcome.REPLAYED, null, letter);
  }

  private Envelope decode(String body) {
    try {
      Envelope event = codec.decode(body);
      event.conversation();
      return event;
    } catch (IllegalArgumentException | NullPointerException notAnEvent) {
      return null; // replayed as it is: the ingress dead-letters it again with its reason
    }
  }
}
