package io.switchboard.tool;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code switchboard.agents.<name>.tools}: which tools each agent may use (names and wildcards), and
 * {@code .unconfirmed}: which of its {@code confirm} tools it may run without asking. The {@code default} agent answers
 * every conversation that chose no other; without a list an agent has no tools.
 */
@ConfigurationProperties("switchboard")
public record AgentTools(Map<String, Agent> agents) {

  public AgentTools {
    agents = agents == null ? Map.of() : Map.copyOf(agents);
  }

  /**
   * @param tools the tools the agent may call (names, wildcards)
   * @param unconfirmed tools marked {@code confirm} that this agent may run without asking (an operator's choice,
   *     e.g. {@code run_code} for an agent in a trusted team chat)
   */
  public record Agent(List<String> tools, List<String> unconfirmed) {
    public Agent {
      tools = tools == null ? List.of() : List.copyOf(tools);
      unconfirmed = unconfirmed == null ? List.of() : List.copyOf(unconfirmed);
    }
  }

  /** Whether this agent's calls of a {@code confirm} tool run without asking. */
  public boolean unconfirmed(String agent, String tool) {
    Agent settings = agents.get(agent);
    return settings != null && ToolSettings.matchesAny(settings.unconfirmed(), tool);
  }

  /** The tool-name patterns of an agent (none for an agent without a list). */
  public List<String> patternsOf(String agent) {
    Agent settings = agents.get(agent);
    return settings == null ? List.of() : settings.tools();
  }
}
