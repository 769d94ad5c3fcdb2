package io.switchboard.runner;

import io.switchboard.agent.Agent;
import io.switchboard.agent.AgentRegistry;
import io.switchboard.tool.AgentTools;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The tool lists of the registry's agents, as the tool registry asks for them: here, where agents meet their tools,
 * so that neither package depends on the other.
 */
@Component
class AgentToolLists implements AgentTools {

  private final AgentRegistry agents;

  AgentToolLists(AgentRegistry agents) {
    this.agents = agents;
  }

  @Override
  public List<String> patternsOf(String agent) {
    return agents.find(agent).map(Agent::tools).orElse(List.of());
  }

  @Override
  public List<String> unconfirmedOf(String agent) {
    return agents.find(agent).map(Agent::unconfirmed).orElse(List.of());
  }
}
