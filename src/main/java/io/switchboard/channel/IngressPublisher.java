package io.switchboard.channel;

import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.EnvelopeCodec;
import io.switchboard.envelope.Envelopes;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;
import org.springframework.stereotype.Component;

/** How the built-in channels put an event on the bus: through the {@code publish-ingress} route, confirmed. */
@Component
public class IngressPublisher {

  private final ProducerTemplate producer;
  private final EnvelopeCodec codec;

  public IngressPublisher(ProducerTemplate producer, EnvelopeCodec codec) {
    this.producer = producer;
    this.codec = codec;
  }

  public void publish(Envelope event) {
    producer.sendBodyAndHeader(
        "direct:publish-ingress", codec.encode(event), SpringRabbitMQConstants.ROUTING_OVERRIDE_KEY, Envelopes.ingressRoutingKey(event));
  }

  /** Publishes a body as it is to an exchange of the bus (replaying a dead letter), confirmed. */
  public void publishTo(String exchange, String body, String routingKey) {
    producer.sendBodyAndHeaders(
        "direct:publish-ingress",
        body,
        Map.of(SpringRabbitMQConstants.ROUTING_OVERRIDE_KEY, routingKey, SpringRabbitMQConstants.EXCHANGE_OVERRIDE_NAME, exchange));
  }
}
