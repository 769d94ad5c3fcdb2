package io.switchboard.tool;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code switchboard.agents.<name>.tools}: which tools each agent may use (names and wildcards). The {@code default}
 * agent answers every conversation that chose no other; without a list an agent has no tools.
 */
@ConfigurationProperties("switchboard")
public record AgentTools(Map<String, Agent> agents) {

  public AgentTools {
    agents = agents == null ? Map.of() : Map.copyOf(agents);
  }

  public record Agent(List<String> tools) {
    public Agent {
      tools = tools == null ? List.of() : List.copyOf(tools);
    }
  }

  /** The tool-name patterns of an agent (none for an agent without a list). */
  public List<String> patternsOf(String agent) {
    Agent settings = agents.get(agent);
    return settings == null ? List.of() : settings.tools();
  }
}
