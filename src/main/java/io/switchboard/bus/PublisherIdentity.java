package io.switchboard.bus;

import org.apache.camel.Exchange;
import org.apache.camel.component.springrabbit.DefaultMessagePropertiesConverter;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.boot.autoconfigure.amqp.RabbitConnectionDetails;
import org.springframework.stereotype.Component;

/**
 * Every message Switchboard publishes carries its broker user in the AMQP {@code user_id} property. RabbitMQ
 * refuses a {@code user_id} that is not the publishing connection's own user, so the ingress can tell Switchboard's
 * own events (this user) from those of other AMQP producers (another user, or none), which it stamps as producer
 * events ({@link IngressRouting}). Set for every publish, replacing whatever an incoming message said.
 */
@Component("publisherIdentity")
public class PublisherIdentity extends DefaultMessagePropertiesConverter {

  private final String brokerUser;

  public PublisherIdentity(RabbitConnectionDetails connection) {
    this.brokerUser = connection.getUsername();
  }

  public String brokerUser() {
    return brokerUser;
  }

  /** Whether a consumed message was published by Switchboard itself (the header Camel maps from {@code user_id}). */
  public boolean publishedBySwitchboard(org.apache.camel.Message message) {
    return brokerUser != null && brokerUser.equals(message.getHeader(SpringRabbitMQConstants.USER_ID, String.class));
  }

  @Override
  public MessageProperties toMessageProperties(Exchange exchange) {
    MessageProperties properties = super.toMessageProperties(exchange);
    properties.setUserId(brokerUser);
    return properties;
  }
}
