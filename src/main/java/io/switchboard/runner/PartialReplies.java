package io.switchboard.runner;

import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.EnvelopeCodec;
import io.switchboard.envelope.Envelopes;
import io.switchboard.kernel.Turn;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The answer as the model writes it, for an event that asks for it ({@code meta.stream}: the web chat, an API request
 * for server-sent events). The pieces are gathered and published as {@code message.partial} events, each the whole
 * text so far, at most one per {@code switchboard.streaming.interval}, on the bus like replies: any instance's sink
 * can carry them, and one that is lost or late is superseded by the next and by the reply, which always follows.
 */
@Component
class PartialReplies {

  private final ProducerTemplate producer;
  private final EnvelopeCodec codec;
  private final boolean enabled;
  private final long intervalNanos;

  PartialReplies(ProducerTemplate producer, EnvelopeCodec codec, @Value("${switchboard.streaming.enabled:true}") boolean enabled,
      @Value("${switchboard.streaming.interval:250ms}") Duration interval) {
    this.producer = producer;
    this.codec = codec;
    this.enabled = enabled;
    this.intervalNanos = interval.toNanos();
  }

  /**
   * The stream of this turn's answer: {@linkplain Stream#watched watched} when the event asked to see it being written
   * (a chain's events carry the ask of the message that started it), else one that publishes nothing. The partials
   * answer the event the turn answers, which a chain's step learns as it runs.
   */
  Stream open(Turn turn) {
    return new Stream(turn, enabled && Envelopes.wantsStream(turn.event()));
  }

  /** One turn's stream: the text of the model call under way, published as it grows. */
  final class Stream implements Consumer<String> {

    private final Turn turn;
    private final boolean watched;
    private final StringBuilder text = new StringBuilder();
    private long lastPublished;
    private long sequence = System.currentTimeMillis() * 1000; // rises across the turns of a chain, whichever instance
    private boolean published;
    private boolean closed;

    private Stream(Turn turn, boolean watched) {
      this.turn = turn;
      this.watched = watched;
      this.lastPublished = System.nanoTime() - intervalNanos; // the first piece goes at once: the wait for it is what users feel
    }

    /** Whether anyone watches: only then is a model asked to stream, and a service's answer read as it comes. */
    boolean watched() {
      return watched;
    }

    @Override
    public synchronized void accept(String piece) {
      if (!watched || closed || piece == null || piece.isEmpty()) {
        return;
      }
      text.append(piece);
      long now = System.nanoTime();
      if (now - lastPublished >= intervalNanos) {
        lastPublished = now;
        publish();
      }
    }

    /** A model call ended: its text starts over for the next one, and a late piece is not published. */
    synchronized void endCall() {
      text.setLength(0);
    }

    /** The turn is done: nothing more is published; the reply says it ends the stream when there was one. */
    synchronized void close() {
      closed = true;
      if (published && turn.answered()) {
        turn.replyMeta().put(Envelopes.META_STREAM, turn.answering().id());
      }
    }

    private void publish() {
      if (text.toString().isBlank()) {
        return; // never an empty first frame
      }
      Envelope partial = Envelopes.partial(turn.answering(), text.toString(), ++sequence);
      producer.sendBodyAndHeader("direct:egress-send", codec.encode(partial), SpringRabbitMQConstants.ROUTING_OVERRIDE_KEY,
          Envelopes.egressRoutingKey(partial));
      published = true;
    }
  }
}
