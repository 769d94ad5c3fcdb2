package io.switchboard.chain;

import io.switchboard.command.Command;
import io.switchboard.command.CommandContext;
import io.switchboard.command.CommandReply;
import io.switchboard.command.Scene;
import io.switchboard.tool.Tool;
import io.switchboard.tool.ToolRegistry;
import java.util.List;

/** {@code /tools}: what the agent of this conversation may call. */
@Scene(name = "agent-tools", description = "the tools this chat's agent may use", root = true)
public class ToolsScene {

  private final ToolRegistry registry;

  public ToolsScene(ToolRegistry registry) {
    this.registry = registry;
  }

  @Command(name = "tools", description = "the tools this chat's agent may call", maxArgs = 0)
  public CommandReply tools(CommandContext context) {
    String agent = context.turn().session().agent() == null ? "default" : context.turn().session().agent();
    List<Tool> tools = registry.forAgent(agent);
    if (tools.isEmpty()) {
      return CommandReply.text(context.text("tools.none", agent));
    }
    StringBuilder text = new StringBuilder(context.text("tools.list", agent));
    for (Tool tool : tools) {
      text.append("\n• ").append(tool.definition().name()).append(" — ").append(tool.definition().description());
      tool.unavailable().ifPresent(reason -> text.append(" ").append(context.text("tools.unavailable", reason)));
    }
    return CommandReply.text(text.toString());
  }
}
