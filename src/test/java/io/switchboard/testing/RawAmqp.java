package io.switchboard.testing;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.nio.charset.StandardCharsets;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/** Publishes as an external producer would: the plain RabbitMQ Java client, persistent, with a publisher confirm. */
public final class RawAmqp {

  private RawAmqp() {}

  /** Publishes to {@code exchange} on the broker the application's connection factory points at (guest/guest). */
  public static void publish(ConnectionFactory application, String exchange, String routingKey, String body) throws Exception {
    com.rabbitmq.client.ConnectionFactory plain = new com.rabbitmq.client.ConnectionFactory();
    plain.setHost(application.getHost());
    plain.setPort(application.getPort());
    plain.setVirtualHost(application.getVirtualHost());
    plain.setUsername(application.getUsername());
    plain.setPassword("guest");
    try (Connection connection = plain.newConnection(); Channel channel = connection.createChannel()) {
      channel.confirmSelect();
      AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/cloudevents+json").deliveryMode(2).build();
      channel.basicPublish(exchange, routingKey, properties, body.getBytes(StandardCharsets.UTF_8));
      channel.waitForConfirmsOrDie(10_000);
    }
  }
}
