package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.switchboard.SwitchboardApplication;
import io.switchboard.testing.ApiClient;
import io.switchboard.testing.FakeOpenAi;
import io.switchboard.testing.LoopbackServer;
import io.switchboard.testing.RawAmqp;
import io.switchboard.testing.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The producer path on the broker, on real RabbitMQ: an outside producer with its own account (allowed to publish to
 * sb.ingress and sb.feeds only) cannot act in a platform's conversations, nor pass as Switchboard by setting its
 * user_id, which RabbitMQ validates against the connection's user.
 */
@SpringBootTest(
    classes = SwitchboardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"switchboard.routes-dir=target/test-routes/amqp-trust", "camel.main.routes-reload-enabled=false",
        "switchboard.pipeline.max-redeliveries=0", "switchboard.access.admins.telegram=root"})
@DirtiesContext
class AmqpProducerTrustTest {

  static final String PRODUCER = "monitoring";
  static final String PRODUCER_PASSWORD = "monitoring-" + UUID.randomUUID();
  static final FakeOpenAi MODEL = LoopbackServer.start(FakeOpenAi::new);
  private static String db;

  @LocalServerPort int port;
  @Autowired ApplicationContext applicationContext;
  @Autowired ConnectionFactory connectionFactory;
  @Autowired JdbcClient jdbc;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    db = RealInfrastructure.use(registry, "amqp-trust");
    registry.add("switchboard.llm.base-url", MODEL::baseUrl);
  }

  @BeforeAll
  static void producerAccount() throws Exception {
    RealInfrastructure.producerAccount(PRODUCER, PRODUCER_PASSWORD);
  }

  @AfterAll
  static void cleanUp() throws Exception {
    RealInfrastructure.dropSchema(db);
  }

  @Test
  void aProducersOwnAccountCannotActInAPlatformConversation() throws Exception {
    String id = "tg-" + UUID.randomUUID();
    publishAsProducer(event(id, "telegram:tg:42", "root", "/grant mallory admin"), PRODUCER);
    ApiClient api = ApiClient.of(port, applicationContext);
    JsonNode letter = await().atMost(Duration.ofSeconds(30)).until(() -> api.deadLetterFor(id), l -> l != null);
    assertThat(letter.path("reason").asText()).contains("AMQP producer 'amqp:monitoring' cannot act in telegram conversations");
    assertThat(letter.path("producer").asText()).isEqualTo("amqp:monitoring");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM sessions WHERE conversation_key = 'telegram:tg:42'").query(Long.class).single()).isZero();
  }

  @Test
  void aProducerCannotPassAsSwitchboardByNamingItsUser() {
    String forgedUser = connectionFactory.getUsername();
    assertThatThrownBy(() -> publishAsProducer(event("f-" + UUID.randomUUID(), "telegram:tg:43", "root", "hi"), forgedUser))
        .hasStackTraceContaining("PRECONDITION_FAILED");
  }

  @Test
  void aProducersEventIntoItsOwnConversationIsProcessedAsItsOwn() throws Exception {
    String chat = UUID.randomUUID().toString().substring(0, 8);
    publishAsProducer(event("ok-" + chat, "monitor:alerts:" + chat, "root", "disk full " + chat), PRODUCER);
    await().atMost(Duration.ofSeconds(30)).until(() -> !MODEL.requestsFor("disk full " + chat).isEmpty());
  }

  @Test
  void switchboardsOwnAccountIsTrusted() throws Exception {
    String chat = "owner-" + UUID.randomUUID().toString().substring(0, 8);
    RawAmqp.publish(connectionFactory, "sb.ingress", "message.received.telegram.tg", event("o-" + chat, "telegram:tg:" + chat, "u1", "from the owner " + chat),
        connectionFactory.getUsername());
    await().atMost(Duration.ofSeconds(30)).until(() -> !MODEL.requestsFor("from the owner " + chat).isEmpty());
  }

  private void publishAsProducer(String body, String userId) throws Exception {
    com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
    factory.setHost(connectionFactory.getHost());
    factory.setPort(connectionFactory.getPort());
    factory.setVirtualHost(connectionFactory.getVirtualHost());
    factory.setUsername(PRODUCER);
    factory.setPassword(PRODUCER_PASSWORD);
    try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
      channel.confirmSelect();
      channel.basicPublish("sb.ingress", "message.received.x.y",
          new AMQP.BasicProperties.Builder().deliveryMode(2).userId(userId).build(), body.getBytes(StandardCharsets.UTF_8));
      channel.waitForConfirmsOrDie(10_000);
    }
  }

  static String event(String id, String subject, String sender, String text) {
    String chat = subject.substring(subject.lastIndexOf(':') + 1);
    return """
        {"specversion":"1.0","type":"message.received","source":"/outside","id":"%s","subject":"%s",
         "data":{"chat":{"type":"private","id":"%s"},"sender":{"id":"%s"},"parts":[{"type":"text","text":"%s"}]}}"""
        .formatted(id, subject, chat, sender, text);
  }
}
