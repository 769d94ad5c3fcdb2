package io.switchboard.egress;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import io.switchboard.bus.ConversationSerializer;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.EnvelopeCodec;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * The platform-independent steps of every adapter's sink route: read the reply, key it for per-chat order, rate
 * limits and the sent marker, and count what happens to it.
 */
@Component("egressDelivery")
public class EgressDelivery {

  /** Exchange property holding the decoded reply. */
  public static final String REPLY = "SwitchboardReply";
  /** Header: the chat the reply goes to, for per-chat rate limits. */
  public static final String CHAT_HEADER = "SwitchboardChat";
  /** Header: the reply's dedupe key, the durable "sent" marker. */
  public static final String SENT_KEY_HEADER = "SwitchboardSentKey";

  private final EnvelopeCodec codec;
  private final MeterRegistry meters;

  public EgressDelivery(EnvelopeCodec codec, MeterRegistry meters) {
    this.codec = codec;
    this.meters = meters;
  }

  public void prepare(Exchange exchange) {
    Envelope reply = codec.decode(exchange.getMessage().getBody(String.class));
    exchange.setProperty(REPLY, reply);
    exchange.getMessage().setHeader(ConversationSerializer.CONVERSATION_HEADER, reply.subject());
    exchange.getMessage().setHeader(CHAT_HEADER, reply.conversation().chatId());
    exchange.getMessage().setHeader(SENT_KEY_HEADER, reply.dedupeKey());
  }

  /** Whether the reply is the answer so far ({@code message.partial}): not sent to a platform yet. */
  public boolean partial(Exchange exchange) {
    return Envelope.MESSAGE_PARTIAL.equals(reply(exchange).type());
  }

  public static Envelope reply(Exchange exchange) {
    return exchange.getProperty(REPLY, Envelope.class);
  }

  /** Counts a redelivery (egressRetrying in the egress-errors route configuration). */
  public void retrying(Exchange exchange) {
    meters.counter("switchboard.egress.retried", "platform", platform(exchange)).increment();
  }

  /**
   * A sender calls this before throwing a transient failure: Camel's redelivery waits what the platform asked for
   * (the {@code CamelRedeliveryDelay} header), or its exponential backoff when the platform said nothing.
   */
  public static TransientDeliveryException retryLater(Exchange exchange, TransientDeliveryException failure) {
    if (failure.retryAfter() != null) {
      exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, failure.retryAfter().toMillis());
    } else {
      exchange.getMessage().removeHeader(Exchange.REDELIVERY_DELAY);
    }
    return failure;
  }

  public void deadLettered(Exchange exchange) {
    meters.counter("switchboard.egress.dead", "platform", platform(exchange)).increment();
  }

  public void sent(String platform, long nanos) {
    meters.counter("switchboard.egress.sent", "platform", platform).increment();
    meters.timer("switchboard.egress.latency", "platform", platform).record(Duration.ofNanos(nanos));
  }

  /** The processor Camel calls before each redelivery of a reply. */
  @Bean
  static Processor egressRetrying(EgressDelivery delivery) {
    return delivery::retrying;
  }

  private static String platform(Exchange exchange) {
    Envelope reply = reply(exchange);
    return reply == null ? "unknown" : reply.conversation().platform();
  }
}
