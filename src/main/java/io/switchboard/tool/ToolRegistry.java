package io.switchboard.tool;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Every tool there is: built-in {@link Tool} beans and the tools of each {@link ToolSource}, by name. */
@Component
public class ToolRegistry {

  private final ObjectProvider<Tool> builtIns;
  private final ObjectProvider<ToolSource> sources;
  private final AgentTools agents;

  /** Looked up on use, not at start: tools may depend on beans (the subscriptions) that depend on the runner. */
  public ToolRegistry(ObjectProvider<Tool> builtIns, ObjectProvider<ToolSource> sources, AgentTools agents) {
    this.builtIns = builtIns;
    this.sources = sources;
    this.agents = agents;
  }

  /** All tools, by name; a later source never replaces an earlier name (built-ins first). */
  public Map<String, Tool> all() {
    Map<String, Tool> byName = new LinkedHashMap<>();
    builtIns.orderedStream().forEach(tool -> byName.putIfAbsent(tool.definition().name(), tool));
    sources.orderedStream().forEach(source -> source.tools().forEach(tool -> byName.putIfAbsent(tool.definition().name(), tool)));
    return byName;
  }

  public Optional<Tool> get(String name) {
    return Optional.ofNullable(all().get(name));
  }

  /**
   * The tool a model's answer names, by the name it was offered under ({@link ToolNames#forModel}); an unknown name
   * comes back as it is, so that the call fails with "no tool named …".
   */
  public String nameFromModel(String modelName) {
    Map<String, Tool> tools = all();
    if (tools.containsKey(modelName)) {
      return modelName;
    }
    return tools.keySet().stream().filter(name -> ToolNames.forModel(name).equals(modelName)).findFirst().orElse(modelName);
  }

  /** The tools an agent may use and that can run now: what the model is offered. */
  public List<Tool> offeredTo(String agent) {
    return forAgent(agent).stream().filter(tool -> tool.unavailable().isEmpty()).toList();
  }

  /** Whether a call of this tool by this agent waits for a human's confirmation. */
  public boolean needsConfirmation(String agent, String tool) {
    return get(tool).map(found -> found.definition().confirm() && !agents.unconfirmed(agent, tool)).orElse(false);
  }

  /** The tools an agent may use, sorted by name. */
  public List<Tool> forAgent(String agent) {
    List<String> patterns = agents.patternsOf(agent);
    if (patterns.isEmpty()) {
      return List.of(); // an agent without tools: every plain turn asks this, so it costs nothing
    }
    List<Tool> allowed = new ArrayList<>();
    all().values().stream()
        .filter(tool -> ToolSettings.matchesAny(patterns, tool.definition().name()))
        .sorted(Comparator.comparing(tool -> tool.definition().name()))
        .forEach(allowed::add);
    return allowed;
  }

  /** Whether this agent may call this tool (checked again when a call arrives, whatever the model asked for). */
  public boolean allowed(String agent, String tool) {
    Tool found = all().get(tool);
    return found != null && ToolSettings.matchesAny(agents.patternsOf(agent), tool);
  }
}
