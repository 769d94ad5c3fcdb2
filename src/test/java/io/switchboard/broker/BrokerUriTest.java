package io.switchboard.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BrokerUriTest {

  @Test
  void readsCredentialsHostPortAndVirtualHost() {
    BrokerUri uri = BrokerUri.parse("amqp://bot:p%40ss@rabbit.internal:5673/switchboard");
    assertThat(uri.getUsername()).isEqualTo("bot");
    assertThat(uri.getPassword()).isEqualTo("p@ss");
    assertThat(uri.getFirstAddress().host()).isEqualTo("rabbit.internal");
    assertThat(uri.getFirstAddress().port()).isEqualTo(5673);
    assertThat(uri.getVirtualHost()).isEqualTo("switchboard");
    assertThat(uri.toString()).doesNotContain("p@ss");
  }

  @Test
  void defaultsFollowTheRabbitMqUriSpec() {
    BrokerUri plain = BrokerUri.parse("amqp://127.0.0.1");
    assertThat(plain.getFirstAddress().port()).isEqualTo(5672);
    assertThat(plain.getVirtualHost()).isEqualTo("/");
    assertThat(plain.getUsername()).isEqualTo("guest");
    assertThat(BrokerUri.parse("amqps://h/%2F").getFirstAddress().port()).isEqualTo(5671);
    assertThat(BrokerUri.parse("amqps://h/%2F").getVirtualHost()).isEqualTo("/");
  }

  @Test
  void somethingElseIsRefused() {
    assertThatThrownBy(() -> BrokerUri.parse("http://h")).hasMessageContaining("amqp://");
  }
}
