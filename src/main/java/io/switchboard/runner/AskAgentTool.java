package io.switchboard.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.agent.AgentRegistry;
import io.switchboard.tool.Tool;
import io.switchboard.tool.ToolContext;
import io.switchboard.tool.ToolDefinition;
import io.switchboard.tool.ToolFailure;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Built-in {@code ask_agent}: an agent hands a question to another agent. Its calls are not run by a tool route:
 * the chain publishes each as an {@code agent.question} event to the conversation ({@link AgentQuestions}), where the
 * asked agent answers it as a turn of its own (its runner, its tools, its own chain), and that answer comes back to
 * the asking chain as the call's result. Each hand-over is one level deeper, so {@code switchboard.chain.max-depth}
 * bounds agents asking each other.
 */
@Component
public class AskAgentTool implements Tool {

  public static final String NAME = "ask_agent";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AgentRegistry agents;

  public AskAgentTool(AgentRegistry agents) {
    this.agents = agents;
  }

  @Override
  public ToolDefinition definition() {
    String known = agents.all().stream()
        .map(agent -> agent.name() + (agent.description() == null || agent.description().isBlank() ? "" : " (" + agent.description() + ")"))
        .collect(Collectors.joining("; "));
    ObjectNode schema = JSON.createObjectNode().put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    properties.putObject("agent").put("type", "string").put("description", "The agent to ask, by name: " + known);
    properties.putObject("question").put("type", "string")
        .put("description", "The question, complete in itself: the asked agent does not see this conversation");
    schema.putArray("required").add("agent").add("question");
    return new ToolDefinition(NAME, "Ask another agent a question and get its answer", schema, false, ToolDefinition.BUILT_IN);
  }

  /** Reached only by a call that did not travel as a question (a replayed dead letter): it is refused. */
  @Override
  public String call(ObjectNode arguments, ToolContext context) throws ToolFailure {
    throw new ToolFailure(NAME + " is answered by the asked agent in the conversation, not run as a tool");
  }
}
