package io.switchboard.broker;

import io.switchboard.config.SwitchboardProperties;
import java.util.List;
import org.springframework.boot.autoconfigure.amqp.RabbitConnectionDetails;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** With no {@code switchboard.broker.url}, the bus runs on the embedded broker. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${switchboard.broker.url:}'.isBlank()")
class BrokerConfiguration {

  @Bean(destroyMethod = "close")
  EmbeddedBroker embeddedBroker(SwitchboardProperties properties) throws Exception {
    return EmbeddedBroker.start(properties.dataDir(), properties.broker().embeddedPort());
  }

  @Bean
  RabbitConnectionDetails rabbitConnectionDetails(EmbeddedBroker broker) {
    return new RabbitConnectionDetails() {
      @Override
      public String getUsername() {
        return "guest";
      }

      @Override
      public String getPassword() {
        return "guest";
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
