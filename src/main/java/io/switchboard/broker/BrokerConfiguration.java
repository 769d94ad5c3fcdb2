package io.switchboard.broker;

import io.switchboard.config.SwitchboardProperties;
import java.util.List;
import org.springframework.boot.autoconfigure.amqp.RabbitConnectionDetails;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The bus connection: RabbitMQ at {@code switchboard.broker.url}, or with none the embedded broker. (Spring Boot uses a
 * {@link RabbitConnectionDetails} bean instead of its own {@code spring.rabbitmq.*} host settings.)
 */
@Configuration(proxyBeanMethods = false)
class BrokerConfiguration {

  @Bean
  @ConditionalOnExpression("!'${switchboard.broker.url:}'.isBlank()")
  RabbitConnectionDetails rabbitMqConnectionDetails(SwitchboardProperties properties) {
    return BrokerUri.parse(properties.broker().url());
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnExpression("'${switchboard.broker.url:}'.isBlank()")
  EmbeddedBroker embeddedBroker(SwitchboardProperties properties) throws Exception {
    return EmbeddedBroker.start(properties.dataDir(), properties.broker().embeddedPort());
  }

  @Bean
  @ConditionalOnExpression("'${switchboard.broker.url:}'.isBlank()")
  RabbitConnectionDetails embeddedConnectionDetails(EmbeddedBroker broker) {
    return new RabbitConnectionDetails() {
      @Override
      public String getUsername() {
        return EmbeddedBroker.USER;
      }

      @Override
      public String getPassword() {
        return broker.password();
      }

      @Override
      public String getVirtualHost() {
        return "default";
      }

      @Override
      public List<Address> getAddresses() {
        return List.of(new Address("127.0.0.1", broker.port()));
      }
    };
  }
}
