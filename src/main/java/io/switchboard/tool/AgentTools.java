package io.switchboard.tool;

import java.util.List;

/**
 * Which tools each agent may use (names and wildcards, {@code switchboard.agents.<name>.tools}) and which of its
 * {@code confirm} tools it may run without asking ({@code .unconfirmed}). The agent registry answers; without a list an
 * agent has no tools.
 */
public interface AgentTools {

  /** The tool-name patterns of an agent (none for an agent without a list). */
  List<String> patternsOf(String agent);

  /** The {@code confirm} tools this agent's operator lets it run without asking (patterns). */
  List<String> unconfirmedOf(String agent);

  /** Whether this agent's calls of a {@code confirm} tool run without asking. */
  default boolean unconfirmed(String agent, String tool) {
    return ToolSettings.matchesAny(unconfirmedOf(agent), tool);
  }
}
