package io.switchboard.chain;

import io.switchboard.tool.Tool;
import io.switchboard.tool.ToolRegistry;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;
import org.springframework.stereotype.Component;

/**
 * Publishes {@code tool.call.requested} events (routes/tools.camel.yaml) with the routing key of the tool's lane:
 * sandbox runs to their own queue, every other call to the shared tool queue.
 */
@Component
public class ToolCallBus {

  static final String PUBLISH_CALL = "direct:tool-call-publish";

  private final ToolRegistry registry;
  private final ProducerTemplate producer;

  public ToolCallBus(ToolRegistry registry, ProducerTemplate producer) {
    this.registry = registry;
    this.producer = producer;
  }

  public void publish(String requestedEvent, String tool) {
    producer.sendBodyAndHeader(PUBLISH_CALL, requestedEvent, SpringRabbitMQConstants.ROUTING_OVERRIDE_KEY, laneOf(tool));
  }

  /** The routing key a tool's calls travel with; an unknown tool's call goes to the shared queue, to be refused there. */
  public String laneOf(String tool) {
    return registry.get(tool).map(Tool::lane).orElse("call");
  }
}
