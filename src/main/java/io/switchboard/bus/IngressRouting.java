package io.switchboard.bus;

import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.EnvelopeCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.config.SwitchboardProperties;
import org.apache.camel.Exchange;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;
import org.springframework.stereotype.Component;

/**
 * Ingress stage after schema validation: checks what the schema cannot (the subject parses, the chat id matches it)
 * and picks the event's shard, a stable hash of its conversation, so one conversation always lands in one queue.
 */
@Component("ingressRouting")
public class IngressRouting {

  private final EnvelopeCodec codec;
  private final int shards;
  private final MeterRegistry meters;

  public IngressRouting(EnvelopeCodec codec, SwitchboardProperties properties, MeterRegistry meters) {
    this.codec = codec;
    this.shards = properties.pipeline().shards();
    this.meters = meters;
  }

  public void route(Exchange exchange) {
    Envelope event = codec.decode(exchange.getMessage().getBody(String.class));
    ConversationKey conversation = event.conversation();
    if (!conversation.chatId().equals(event.data().chat().id())) {
      throw new IllegalArgumentException(
          "data.chat.id '" + event.data().chat().id() + "' does not match the subject's chat id '" + conversation.chatId() + "'");
    }
    exchange.getMessage().setHeader(ConversationSerializer.CONVERSATION_HEADER, conversation.toString());
    exchange.getMessage().setHeader(SpringRabbitMQConstants.ROUTING_OVERRIDE_KEY, String.valueOf(shardOf(conversation.toString(), shards)));
    meters.counter("switchboard.messages.in", "platform", conversation.platform()).increment();
  }

  static int shardOf(String conversation, int shards) {
    return Math.floorMod(conversation.hashCode(), shards);
  }
}
