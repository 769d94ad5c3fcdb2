package io.switchboard.chain;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.EnvelopeCodec;
import io.switchboard.envelope.Envelopes;
import io.switchboard.kernel.Locales;
import io.switchboard.kernel.MetaKeys;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What a decision on a held call does. Confirmed or cancelled, the call's event goes to the tool route, which runs it
 * only when confirmed (a cancelled one returns "declined" to the model, which goes on without it). Expired, the chain
 * ends and the user is told. Each decision is taken once, whichever instance the user's message reaches.
 */
@Component("confirmationDecisions")
public class ConfirmationDecisions {

  private final Confirmations confirmations;
  private final ChainStore chains;
  private final ProducerTemplate producer;
  private final EnvelopeCodec codec;
  private final MessageSource texts;
  private final MeterRegistry meters;

  public ConfirmationDecisions(Confirmations confirmations, ChainStore chains, ProducerTemplate producer, EnvelopeCodec codec,
      MessageSource texts, MeterRegistry meters) {
    this.confirmations = confirmations;
    this.chains = chains;
    this.producer = producer;
    this.codec = codec;
    this.texts = texts;
    this.meters = meters;
  }

  /** Confirms or cancels; false when it was decided or expired already. */
  public boolean decide(Confirmations.Confirmation held, boolean confirmed, String by) {
    if (!confirmations.decide(held.id(), confirmed ? Confirmations.CONFIRMED : Confirmations.CANCELLED, by)) {
      return false;
    }
    meters.counter("switchboard.tool.confirmations", "outcome", confirmed ? "confirmed" : "cancelled").increment();
    producer.sendBody(ToolLoopRoutes.PUBLISH_CALL, held.requestEvent());
    return true;
  }

  /** Ends the chains whose confirmation expired (the {@code confirmations-expiry} route, every few seconds). */
  public int expire() {
    int expired = 0;
    for (Confirmations.Confirmation held : confirmations.expired()) {
      if (!confirmations.decide(held.id(), Confirmations.EXPIRED, null)) {
        continue;
      }
      expired++;
      meters.counter("switchboard.tool.confirmations", "outcome", "expired").increment();
      chains.finish(held.chainId(), ChainStore.ENDED);
      chains.find(held.chainId()).ifPresent(chain -> tell(codec.decode(chain.rootEvent()), "confirm.expired", held.tool(), held.id()));
    }
    return expired;
  }

  private void tell(Envelope root, String key, Object... values) {
    Envelope notice = Envelopes.reply(root, List.of(Envelope.Part.text(texts.getMessage(key, values, Locales.of(root)))), Map.of(MetaKeys.ERROR, true));
    producer.sendBodyAndHeader("direct:egress-send", codec.encode(notice), SpringRabbitMQConstants.ROUTING_OVERRIDE_KEY,
        Envelopes.egressRoutingKey(notice));
  }
}
