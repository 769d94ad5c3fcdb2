package io.switchboard.egress;

import io.switchboard.bot.AdapterManifest;
import io.switchboard.bot.Bots;
import io.switchboard.envelope.Envelope;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The send step of the shared bot-sink route: picks the sender of the bot's adapter and turns its transient failures
 * into Camel's redelivery, waiting what the platform asked for.
 */
@Component("platformSenders")
public class PlatformSenders {

  /** Exchange property: the reply being delivered, kept across redeliveries. */
  static final String OUTGOING = "SwitchboardOutgoingReply";

  private static final Logger log = LoggerFactory.getLogger(PlatformSenders.class);

  private final Map<String, PlatformSender> byAdapter;
  private final Bots bots;

  public PlatformSenders(List<PlatformSender> senders, Bots bots) {
    this.byAdapter = senders.stream().collect(Collectors.toUnmodifiableMap(PlatformSender::adapter, Function.identity()));
    this.bots = bots;
  }

  public void send(Exchange exchange) throws Exception {
    OutgoingReply outgoing = exchange.getProperty(OUTGOING, OutgoingReply.class);
    if (outgoing == null) {
      outgoing = new OutgoingReply(EgressDelivery.reply(exchange));
      exchange.setProperty(OUTGOING, outgoing);
    }
    try {
      senderFor(outgoing.reply()).send(outgoing);
    } catch (TransientDeliveryException e) {
      throw EgressDelivery.retryLater(exchange, e);
    }
  }

  /**
   * The answer so far: to the adapter's sender when its platform streams (manifest {@code capabilities: [stream]}),
   * else not shown. Never fails the route: the reply follows whatever happens to a partial.
   */
  public void partial(Exchange exchange) {
    Envelope partial = EgressDelivery.reply(exchange);
    Bots.ConfiguredBot bot = bots.get(partial.conversation().bot());
    if (bot.manifest() == null || !bot.manifest().can(AdapterManifest.STREAM)) {
      return;
    }
    try {
      senderFor(partial).partial(partial);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.debug("A partial reply to {} was not shown: {}", partial.subject(), e.toString());
    }
  }

  private PlatformSender senderFor(Envelope reply) {
    String adapter = bots.get(reply.conversation().bot()).adapter();
    PlatformSender sender = byAdapter.get(adapter);
    if (sender == null) {
      throw new PermanentDeliveryException("no sender for the adapter '" + adapter + "'");
    }
    return sender;
  }
}
