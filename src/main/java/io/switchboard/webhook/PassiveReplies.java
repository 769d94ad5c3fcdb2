package io.switchboard.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.egress.EgressDelivery;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Passive replies: where a platform lets a callback's HTTP response carry the answer (WeCom, DingTalk), the webhook
 * waits up to {@code switchboard.replies.passive-window} for it after the event is on the bus. The reply still takes the
 * one durable path: the bot's sink claims its sent marker, then offers it here ({@link #takenByCallback}); only a callback
 * still waiting on this instance, with time left to write its response, takes it, and the sink then skips the push.
 * A reply nobody takes in time (slow, too long for one passive message, the callback on another instance) is pushed as
 * usual, so every reply is delivered exactly once by one of the two ways.
 */
@Component("passiveReplies")
public class PassiveReplies {

  /** A hand-over this close to the waiter's deadline is refused: the response must still reach the platform in time. */
  static final Duration WRITE_MARGIN = Duration.ofMillis(300);

  private record Waiter(Predicate<Envelope> fits, Instant deadline, CompletableFuture<Envelope> reply) {}

  private final ConcurrentHashMap<String, Waiter> waiting = new ConcurrentHashMap<>();
  private final Duration window;
  private final MeterRegistry meters;
  private final Clock clock;

  @Autowired
  public PassiveReplies(@Value("${switchboard.replies.passive-window}") Duration window, MeterRegistry meters) {
    this(window, meters, Clock.systemUTC());
  }

  PassiveReplies(Duration window, MeterRegistry meters, Clock clock) {
    this.window = window;
    this.meters = meters;
    this.clock = clock;
  }

  /**
   * Publishes the event and waits for its reply within the window, capped by the platform's own limit.
   *
   * @param fits whether a reply can be carried by this platform's passive response (else it is pushed)
   * @return the reply to put into the HTTP response, or empty to answer with a bare acknowledgement
   */
  public Optional<Envelope> publishAndAwait(Envelope event, Duration platformLimit, Predicate<Envelope> fits, Runnable publish) throws InterruptedException {
    Duration wait = window.compareTo(platformLimit) < 0 ? window : platformLimit;
    if (wait.isZero() || wait.isNegative()) {
      publish.run();
      return Optional.empty();
    }
    Waiter waiter = new Waiter(fits, clock.instant().plus(wait), new CompletableFuture<>());
    waiting.put(event.id(), waiter); // before publishing, so an instant reply finds it
    try {
      publish.run();
      return Optional.of(waiter.reply().get(wait.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException late) {
      // closing the waiter races with a hand-over: whichever completes the future first decides
      return waiter.reply().completeExceptionally(late) ? Optional.empty() : Optional.of(waiter.reply().join());
    } catch (ExecutionException e) {
      return Optional.empty();
    } finally {
      waiting.remove(event.id(), waiter);
    }
  }

  /**
   * The sink's filter, after the sent marker is claimed: false when a waiting callback took the reply (nothing to
   * push), true when the reply must be pushed through the platform's API.
   */
  /** Whether a callback waiting on this instance took the reply as its passive reply; if so, the sink skips the push. */
  public boolean takenByCallback(Exchange exchange) {
    return !pushNeeded(EgressDelivery.reply(exchange));
  }

  boolean pushNeeded(Envelope reply) {
    Object inReplyTo = reply.meta(Envelopes.META_IN_REPLY_TO);
    Waiter waiter = inReplyTo == null ? null : waiting.get(inReplyTo.toString());
    if (waiter == null || !waiter.fits().test(reply) || clock.instant().plus(WRITE_MARGIN).isAfter(waiter.deadline())) {
      return true;
    }
    if (!waiter.reply().complete(reply)) {
      return true;
    }
    meters.counter("switchboard.egress.passive", "platform", reply.conversation().platform()).increment();
    return false;
  }
}
