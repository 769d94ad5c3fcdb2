package io.switchboard.bus;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.bot.UserPlatforms;
import io.switchboard.config.SwitchboardProperties;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.EnvelopeCodec;
import io.switchboard.envelope.Envelopes;
import org.apache.camel.Exchange;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;
import org.springframework.stereotype.Component;

/**
 * Ingress stage after schema validation: checks what the schema cannot (the subject parses, the chat id matches it),
 * decides whose event it is, and picks its shard, a stable hash of its conversation, so one conversation always lands
 * in one queue. An event some other AMQP producer published (its {@code user_id} is not Switchboard's, see
 * {@link PublisherIdentity}) is stamped as that producer's and may not act in a user platform's conversations: it is
 * dead-lettered with that reason.
 */
@Component("ingressRouting")
public class IngressRouting {

  private final EnvelopeCodec codec;
  private final int shards;
  private final MeterRegistry meters;
  private final PublisherIdentity identity;
  private final UserPlatforms userPlatforms;

  public IngressRouting(EnvelopeCodec codec, SwitchboardProperties properties, MeterRegistry meters, PublisherIdentity identity,
      UserPlatforms userPlatforms) {
    this.codec = codec;
    this.shards = properties.pipeline().shards();
    this.meters = meters;
    this.identity = identity;
    this.userPlatforms = userPlatforms;
  }

  public void route(Exchange exchange) {
    var message = exchange.getMessage();
    Envelope event = codec.decode(message.getBody(String.class));
    ConversationKey conversation = event.conversation();
    if (!conversation.chatId().equals(event.data().chat().id())) {
      throw new IllegalArgumentException(
          "data.chat.id '" + event.data().chat().id() + "' does not match the subject's chat id '" + conversation.chatId() + "'");
    }
    if (!identity.publishedBySwitchboard(message)) {
      String producer = "amqp:" + message.getHeader(SpringRabbitMQConstants.USER_ID, "anonymous", String.class);
      if (userPlatforms.contains(conversation.platform())) {
        throw new IllegalArgumentException("an event from AMQP producer '" + producer + "' cannot act in " + conversation.platform()
            + " conversations; publish it with a producer token that names " + conversation.platform() + " (POST /api/v1/events)");
      }
      message.setBody(codec.encode(Envelopes.stampedByProducer(event, producer)));
    }
    message.setHeader(ConversationSerializer.CONVERSATION_HEADER, conversation.toString());
    message.setHeader(SpringRabbitMQConstants.ROUTING_OVERRIDE_KEY, String.valueOf(shardOf(conversation.toString(), shards)));
    meters.counter("switchboard.messages.in", "platform", conversation.platform()).increment();
  }

  /**
   * Routes an event Switchboard made itself (a tool call's completion) straight to its conversation's shard: it needs
   * none of the ingress's checks, and skipping that hop is one confirmed publish less per chain step.
   */
  public void toShard(Exchange exchange) {
    ConversationKey conversation = codec.decode(exchange.getMessage().getBody(String.class)).conversation();
    exchange.getMessage().setHeader(ConversationSerializer.CONVERSATION_HEADER, conversation.toString());
    exchange.getMessage().setHeader(SpringRabbitMQConstants.ROUTING_OVERRIDE_KEY, String.valueOf(shardOf(conversation.toString(), shards)));
  }

  static int shardOf(String conversation, int shards) {
    return Math.floorMod(conversation.hashCode(), shards);
  }
}
