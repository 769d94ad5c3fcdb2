package io.switchboard.chain;

import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.EnvelopeCodec;
import io.switchboard.envelope.Envelopes;
import io.switchboard.kernel.Locales;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Tells the user who started a chain something while it runs, or as it ends without an answer: a bundle text in their
 * language, sent to their chat through the egress like every reply.
 */
@Component
class ChainNotices {

  private final ProducerTemplate producer;
  private final EnvelopeCodec codec;
  private final MessageSource texts;

  ChainNotices(ProducerTemplate producer, EnvelopeCodec codec, MessageSource texts) {
    this.producer = producer;
    this.codec = codec;
    this.texts = texts;
  }

  void tell(Envelope root, Map<String, Object> meta, String key, Object... values) {
    Envelope notice = Envelopes.reply(root, List.of(Envelope.Part.text(texts.getMessage(key, values, Locales.of(root)))), meta);
    producer.sendBodyAndHeader("direct:egress-send", codec.encode(notice), SpringRabbitMQConstants.ROUTING_OVERRIDE_KEY,
        Envelopes.egressRoutingKey(notice));
  }
}
