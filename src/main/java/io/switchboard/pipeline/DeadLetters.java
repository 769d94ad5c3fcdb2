package io.switchboard.pipeline;

import io.switchboard.bus.PublisherIdentity;
import org.apache.camel.Exchange;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;
import org.springframework.stereotype.Component;

/**
 * Describes a failed exchange in the headers of its dead letter: why, where, where it was going, and, when another
 * AMQP producer published it, whose it was (a replay must not turn it into Switchboard's own event).
 */
@Component("deadLetters")
public class DeadLetters {

  public static final String REASON_HEADER = "x-sb-reason";
  public static final String FAILED_IN_HEADER = "x-sb-failed-in";
  public static final String ROUTING_KEY_HEADER = "x-sb-original-routing-key";
  public static final String EXCHANGE_HEADER = "x-sb-original-exchange";
  public static final String PRODUCER_HEADER = "x-sb-producer";

  private final PublisherIdentity identity;

  public DeadLetters(PublisherIdentity identity) {
    this.identity = identity;
  }

  public void describe(Exchange exchange) {
    Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    var message = exchange.getMessage();
    message.setHeader(REASON_HEADER, reason(cause));
    message.setHeader(FAILED_IN_HEADER, exchange.getProperty(Exchange.FAILURE_ROUTE_ID, "unknown", String.class));
    message.setHeader(ROUTING_KEY_HEADER, message.getHeader(SpringRabbitMQConstants.ROUTING_KEY, String.class));
    message.setHeader(EXCHANGE_HEADER, message.getHeader(SpringRabbitMQConstants.EXCHANGE_NAME, String.class));
    if (message.getHeader(SpringRabbitMQConstants.DELIVERY_TAG) != null && !identity.publishedBySwitchboard(message)) {
      message.setHeader(PRODUCER_HEADER, "amqp:" + message.getHeader(SpringRabbitMQConstants.USER_ID, "anonymous", String.class));
    }
    // the dead letter goes to sb.dead as it is, not to the original exchange
    message.removeHeader(SpringRabbitMQConstants.ROUTING_OVERRIDE_KEY);
  }

  static String reason(Throwable cause) {
    if (cause == null) {
      return "unknown";
    }
    String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    return text.length() > 1000 ? text.substring(0, 1000) : text;
  }
}
