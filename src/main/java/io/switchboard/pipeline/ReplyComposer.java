package io.switchboard.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.EnvelopeCodec;
import io.switchboard.envelope.Envelopes;
import io.switchboard.kernel.Turn;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;
import org.springframework.stereotype.Component;

/** Last pipeline stage: the reply event, addressed to the conversation's bot on {@code sb.egress}. */
@Component("replyComposer")
public class ReplyComposer {

  private final EnvelopeCodec codec;
  private final MeterRegistry meters;
  private final Timer pipelineLatency;

  public ReplyComposer(EnvelopeCodec codec, MeterRegistry meters) {
    this.codec = codec;
    this.meters = meters;
    this.pipelineLatency =
        Timer.builder("switchboard.pipeline.latency")
            .description("From the pipeline consumer receiving an event to its reply being published")
            .publishPercentileHistogram()
            .register(meters);
  }

  public void compose(Exchange exchange) {
    Turn turn = exchange.getMessage().getBody(Turn.class);
    Map<String, Object> meta = new HashMap<>(turn.replyMeta());
    if (turn.model() != null) {
      meta.put("model", turn.model());
    }
    if (turn.promptTokens() != null) {
      meta.put("usage", Map.of(
          "promptTokens", turn.promptTokens(),
          "completionTokens", turn.completionTokens() == null ? 0 : turn.completionTokens()));
    }
    List<Envelope.Part> parts = new java.util.ArrayList<>();
    if (turn.replyText() != null && !turn.replyText().isEmpty()) {
      parts.add(Envelope.Part.text(turn.replyText()));
    }
    parts.addAll(turn.replyParts());
    Envelope reply = Envelopes.reply(turn.answering(), parts, meta);
    publish(exchange, reply);
    pipelineLatency.record(Duration.ofMillis(exchange.getClock().elapsed()));
  }

  /** Sets the body and routing key of an egress publish. */
  public void publish(Exchange exchange, Envelope reply) {
    exchange.getMessage().setBody(codec.encode(reply));
    exchange.getMessage().setHeader(SpringRabbitMQConstants.ROUTING_OVERRIDE_KEY, Envelopes.egressRoutingKey(reply));
    meters.counter("switchboard.messages.out", "platform", reply.conversation().platform()).increment();
  }
}
