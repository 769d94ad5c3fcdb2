package io.switchboard.bus;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Acks the delivery only once the exchange is complete, i.e. after its durable effects (history written, reply
 * published with a confirm). A failed exchange is nacked and requeued, so nothing is lost; the pipeline's dead letter
 * channel turns permanent failures into completed exchanges, so this does not loop.
 */
@Component("manualAck")
public class ManualAck implements Processor {

  private static final Logger log = LoggerFactory.getLogger(ManualAck.class);

  @Override
  public void process(Exchange exchange) {
    Channel channel = exchange.getProperty(SpringRabbitMQConstants.CHANNEL, Channel.class);
    Long tag = exchange.getMessage().getHeader(SpringRabbitMQConstants.DELIVERY_TAG, Long.class);
    if (channel == null || tag == null) {
      return;
    }
    exchange
        .getExchangeExtension()
        .addOnCompletion(
            new SynchronizationAdapter() {
              @Override
              public void onComplete(Exchange done) {
                settle(channel, tag, true);
              }

              @Override
              public void onFailure(Exchange failed) {
                settle(channel, tag, false);
              }
            });
  }

  private static void settle(Channel channel, long tag, boolean ack) {
    try {
      if (ack) {
        channel.basicAck(tag, false);
      } else {
        channel.basicNack(tag, false, true);
      }
    } catch (IOException | RuntimeException e) {
      // the channel closed (shutdown, connection loss): the broker redelivers the message
      log.warn("Could not {} delivery {}: {}", ack ? "ack" : "nack", tag, e.toString());
    }
  }
}
