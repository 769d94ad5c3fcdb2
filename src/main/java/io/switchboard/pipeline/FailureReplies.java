package io.switchboard.pipeline;

import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.EnvelopeCodec;
import io.switchboard.envelope.Envelopes;
import io.switchboard.kernel.Locales;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * When the pipeline gives up on an event (the model failed past its retries), the user still gets an answer they can
 * act on, and the event's claim is released so a replay of the dead letter is processed again. The answer is generic
 * and in the user's language: the reason (an exception's text) stays in the dead letter and the log.
 */
@Component("failureReplies")
public class FailureReplies {

  private final EnvelopeCodec codec;
  private final MessageSource messages;
  private final ProcessedEvents processed;
  private final ReplyComposer composer;

  public FailureReplies(EnvelopeCodec codec, MessageSource messages, ProcessedEvents processed, ReplyComposer composer) {
    this.codec = codec;
    this.messages = messages;
    this.processed = processed;
    this.composer = composer;
  }

  /** The body is the original event; it becomes the apology addressed to the event's conversation. */
  public void apologise(Exchange exchange) {
    Envelope event;
    try {
      event = codec.decode(exchange.getMessage().getBody(String.class));
      event.conversation();
    } catch (IllegalArgumentException undecodable) {
      exchange.getMessage().setBody(null); // nobody to tell; the dead letter has it all
      return;
    }
    processed.forget(event.dedupeKey());
    String text = messages.getMessage("llm.failed", null, Locales.of(event));
    composer.publish(exchange, Envelopes.reply(event, List.of(Envelope.Part.text(text)), Map.of("error", true)));
  }
}
