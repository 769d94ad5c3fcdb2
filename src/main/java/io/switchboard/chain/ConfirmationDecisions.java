package io.switchboard.chain;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.envelope.EnvelopeCodec;
import io.switchboard.kernel.MetaKeys;
import java.util.Map;
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
  private final ToolCallBus bus;
  private final EnvelopeCodec codec;
  private final ChainNotices notices;
  private final MeterRegistry meters;

  ConfirmationDecisions(Confirmations confirmations, ChainStore chains, ToolCallBus bus, EnvelopeCodec codec, ChainNotices notices,
      MeterRegistry meters) {
    this.confirmations = confirmations;
    this.chains = chains;
    this.bus = bus;
    this.codec = codec;
    this.notices = notices;
    this.meters = meters;
  }

  /** Confirms or cancels; false when it was decided or expired already. */
  public boolean decide(Confirmations.Confirmation held, boolean confirmed, String by) {
    if (!confirmations.decide(held.id(), confirmed ? Confirmations.CONFIRMED : Confirmations.CANCELLED, by)) {
      return false;
    }
    meters.counter("switchboard.tool.confirmations", "outcome", confirmed ? "confirmed" : "cancelled").increment();
    bus.publish(held.requestEvent(), held.tool());
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
      chains.find(held.chainId()).ifPresent(chain -> notices.tell(codec.decode(chain.rootEvent()), Map.of(MetaKeys.ERROR, true), "confirm.expired",
          held.tool(), held.id()));
    }
    return expired;
  }
}
