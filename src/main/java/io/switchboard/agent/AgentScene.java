package io.switchboard.agent;

import io.switchboard.command.Command;
import io.switchboard.command.CommandContext;
import io.switchboard.command.CommandReply;
import io.switchboard.command.Scene;
import io.switchboard.kernel.Session;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code /agent} lists the agents this user may use, {@code /agent use <name>} switches the conversation to one,
 * {@code /agent show} shows the current one with its parameters; {@code /set <parameter> <value>} sets one of the
 * agent's settable parameters for this conversation, {@code /set --reset} clears them. Every user may, for the
 * conversations they are in; an agent's {@code allow} list decides who may use it.
 */
@Scene(name = "agents", description = "which agent answers, and its settings", root = true)
public class AgentScene {

  private final AgentRegistry registry;
  private final ConversationAgents conversations;

  public AgentScene(AgentRegistry registry, ConversationAgents conversations) {
    this.registry = registry;
    this.conversations = conversations;
  }

  @Command(name = "agent", description = "the agents you may use; use <name> to switch, show for the current one", usage = "[use <name> | show]",
      maxArgs = 2)
  public CommandReply agent(CommandContext context) {
    Session session = context.turn().session();
    String current = registry.get(session.agent()).name();
    String action = context.arg(0);
    if (action == null || action.equals("list")) {
      String agents = registry.usableBy(context.userKey()).stream()
          .map(agent -> (agent.name().equals(current) ? "▸ " : "• ") + agent.name()
              + (agent.description() == null || agent.description().isBlank() ? "" : " — " + agent.description()))
          .collect(Collectors.joining("\n"));
      return CommandReply.text(context.text("agent.list", current, agents));
    }
    if (action.equals("show") && context.args().size() == 1) {
      Map<Parameter, String> set = conversations.parameters(session.id());
      String own = set.isEmpty() ? "—" : set.entrySet().stream().map(e -> e.getKey().key() + " " + e.getValue()).collect(Collectors.joining(", "));
      return CommandReply.text(context.text("agent.show", registry.get(session.agent()).with(set).describe(), own));
    }
    if (action.equals("use") && context.args().size() == 2) {
      Optional<Agent> chosen = registry.find(context.arg(1)).filter(agent -> agent.usableBy(context.userKey()));
      if (chosen.isEmpty()) {
        return CommandReply.text(context.text("agent.unknown", context.arg(1)));
      }
      conversations.use(session.id(), chosen.get().name());
      return CommandReply.text(context.text("agent.switched", chosen.get().name()));
    }
    return CommandReply.text(context.text("agent.usage"));
  }

  @Command(name = "set", description = "set a parameter of this conversation's agent, or --reset", usage = "<parameter> <value> | --reset",
      minArgs = 1)
  public CommandReply set(CommandContext context) {
    Session session = context.turn().session();
    Agent agent = registry.get(session.agent());
    String settable = String.join(", ", agent.settable());
    if (context.args().size() == 1 && context.arg(0).equals("--reset")) {
      conversations.reset(session.id());
      return CommandReply.text(context.text("set.reset", agent.name()));
    }
    Optional<Parameter> parameter = Parameter.of(context.arg(0));
    if (parameter.isEmpty() || context.args().size() < 2) {
      return CommandReply.text(context.text("set.usage", agent.name(), settable));
    }
    if (!agent.settable(parameter.get())) {
      return CommandReply.text(context.text("set.not-settable", parameter.get().key(), agent.name(), settable));
    }
    String value = String.join(" ", context.args().subList(1, context.args().size()));
    Optional<String> problem = parameter.get().problem(value);
    if (problem.isPresent()) {
      return CommandReply.text(context.text("set.invalid", parameter.get().key(), problem.get()));
    }
    conversations.set(session.id(), parameter.get(), value);
    return CommandReply.text(context.text("set.done", parameter.get().key(), value));
  }
}
