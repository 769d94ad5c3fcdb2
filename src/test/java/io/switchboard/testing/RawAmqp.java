package io.switchboard.testing;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.nio.charset.StandardCharsets;
import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/**
 * Publishes as an external producer would: the plain RabbitMQ Java client, persistent, with a publisher confirm, on
 * the broker (and with the account) the application's connection factory uses.
 */
public final class RawAmqp {

  private RawAmqp() {}

  /** An anonymous producer: no {@code user_id}, so the ingress treats the event as a producer's. */
  public static void publish(ConnectionFactory application, String exchange, String routingKey, String body) throws Exception {
    publish(application, exchange, routingKey, body, null);
  }

  /** With {@code user_id} set to a user ({@code null}: none); the broker refuses one that is not the connection's. */
  public static void publish(ConnectionFactory application, String exchange, String routingKey, String body, String userId) throws Exception {
    com.rabbitmq.client.ConnectionFactory plain = new com.rabbitmq.client.ConnectionFactory();
    plain.setHost(application.getHost());
    plain.setPort(application.getPort());
    plain.setVirtualHost(application.getVirtualHost());
    plain.setUsername(application.getUsername());
    plain.setPassword(((AbstractConnectionFactory) application).getRabbitConnectionFactory().getPassword());
    try (Connection connection = plain.newConnection(); Channel channel = connection.createChannel()) {
      channel.confirmSelect();
      AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/cloudevents+json").deliveryMode(2)
          .userId(userId).build();
      channel.basicPublish(exchange, routingKey, properties, body.getBytes(StandardCharsets.UTF_8));
      channel.waitForConfirmsOrDie(10_000);
    }
  }
}
