package io.switchboard.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.bot.AdapterManifests;
import io.switchboard.bot.UserPlatforms;
import io.switchboard.config.SwitchboardProperties;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.EnvelopeCodec;
import io.switchboard.envelope.Envelopes;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.camel.Exchange;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.amqp.RabbitConnectionDetails;

class IngressRoutingTest {

  static final SwitchboardProperties.Pipeline PIPELINE = new SwitchboardProperties.Pipeline(4, 100, 2, Duration.ofSeconds(1));
  static final String BROKER_USER = "switchboard";
  final IngressRouting routing =
      new IngressRouting(
          new EnvelopeCodec(),
          new SwitchboardProperties(null, null, "i1", null, null, null, PIPELINE, null, null),
          new SimpleMeterRegistry(),
          new PublisherIdentity(new RabbitConnectionDetails() {
            @Override
            public String getUsername() {
              return BROKER_USER;
            }

            @Override
            public List<Address> getAddresses() {
              return List.of(new Address("127.0.0.1", 5672));
            }
          }),
          new UserPlatforms(new AdapterManifests()));

  @Test
  void aConversationAlwaysMapsToTheSameShard() {
    assertThat(IngressRouting.shardOf("telegram:tg1:42", 4)).isEqualTo(IngressRouting.shardOf("telegram:tg1:42", 4));
    assertThat(IntStream.range(0, 1000).map(i -> IngressRouting.shardOf("web:default:" + i, 4)).distinct().sorted().toArray())
        .containsExactly(0, 1, 2, 3);
  }

  @Test
  void switchboardsOwnEventGoesToTheSameShardAsTheIngressWouldRouteIt() {
    Exchange viaIngress = exchange("telegram:tg1:42", "42");
    routing.route(viaIngress);
    Exchange direct = exchange("telegram:tg1:42", "42");
    routing.toShard(direct);
    assertThat(direct.getMessage().getHeader(SpringRabbitMQConstants.ROUTING_OVERRIDE_KEY))
        .isEqualTo(viaIngress.getMessage().getHeader(SpringRabbitMQConstants.ROUTING_OVERRIDE_KEY));
    assertThat(direct.getMessage().getHeader(ConversationSerializer.CONVERSATION_HEADER)).isEqualTo("telegram:tg1:42");
  }

  @Test
  void theShardAndConversationBecomeHeaders() {
    Exchange exchange = exchange("telegram:tg1:42", "42");
    routing.route(exchange);
    assertThat(exchange.getMessage().getHeader(ConversationSerializer.CONVERSATION_HEADER)).isEqualTo("telegram:tg1:42");
    assertThat(exchange.getMessage().getHeader(SpringRabbitMQConstants.ROUTING_OVERRIDE_KEY))
        .isEqualTo(String.valueOf(IngressRouting.shardOf("telegram:tg1:42", 4)));
  }

  @Test
  void aChatIdThatContradictsTheSubjectIsRejected() {
    assertThatThrownBy(() -> routing.route(exchange("telegram:tg1:42", "43")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not match");
  }

  @Test
  void anotherAmqpProducersEventCannotActInAUserPlatformsConversation() {
    Exchange forged = exchange("telegram:tg1:42", "42");
    forged.getMessage().setHeader(SpringRabbitMQConstants.USER_ID, "monitoring");
    assertThatThrownBy(() -> routing.route(forged))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AMQP producer 'amqp:monitoring' cannot act in telegram conversations");
    Exchange anonymous = exchange("web:default:alice.chat1", "alice.chat1");
    anonymous.getMessage().removeHeader(SpringRabbitMQConstants.USER_ID);
    assertThatThrownBy(() -> routing.route(anonymous)).hasMessageContaining("'amqp:anonymous' cannot act in web conversations");
  }

  @Test
  void anotherAmqpProducersEventIntoItsOwnConversationIsStampedAsItsOwn() {
    Exchange exchange = exchange("ci:build:42", "42");
    exchange.getMessage().setHeader(SpringRabbitMQConstants.USER_ID, "monitoring");
    routing.route(exchange);
    Envelope stamped = new EnvelopeCodec().decode(exchange.getMessage().getBody(String.class));
    assertThat(stamped.meta(Envelopes.META_PRODUCER)).isEqualTo("amqp:monitoring");
    assertThat(stamped.source()).isEqualTo("/producers/amqp:monitoring");
  }

  private static Exchange exchange(String subject, String chatId) {
    Exchange exchange = new DefaultExchange(new DefaultCamelContext());
    exchange.getMessage().setHeader(SpringRabbitMQConstants.USER_ID, BROKER_USER);
    exchange.getMessage().setBody("""
        {"specversion":"1.0","type":"message.received","source":"/t/b","id":"1","subject":"%s",
         "data":{"chat":{"type":"private","id":"%s"},"parts":[{"type":"text","text":"x"}]}}""".formatted(subject, chatId));
    return exchange;
  }
}
