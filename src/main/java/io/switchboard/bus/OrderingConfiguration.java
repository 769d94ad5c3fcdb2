package io.switchboard.bus;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One {@link ConversationSerializer} per consumer that needs per-conversation order. */
@Configuration(proxyBeanMethods = false)
class OrderingConfiguration {

  /** Ingress: forwarding to the shard queue waits for the broker's confirm. */
  @Bean
  ConversationSerializer ingressOrdering() {
    return new ConversationSerializer();
  }

  /** Pipeline: the stages, including the model call. */
  @Bean
  ConversationSerializer pipelineOrdering() {
    return new ConversationSerializer();
  }

  /** Egress sinks: replies to one chat reach the platform in order, while other chats proceed. */
  @Bean
  ConversationSerializer egressOrdering() {
    return new ConversationSerializer();
  }
}
