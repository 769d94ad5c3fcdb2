package io.switchboard.agent;

import io.switchboard.config.SwitchboardProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The configured agents by name, each filled from the shared model's settings where it says nothing. There is always
 * a {@code default} agent: today's {@code switchboard.llm.*} when it is not configured itself. Agents come from
 * {@code switchboard.agents.<name>} and from one YAML file per agent in {@code switchboard.agents-dir}
 * ({@link AgentFiles}), which are read again when they change ({@link #reload}); a configured agent wins over a
 * file of the same name.
 */
@Component
public class AgentRegistry {

  private static final Logger log = LoggerFactory.getLogger(AgentRegistry.class);
  private static final List<String> RUNNERS = List.of("llm", "webhook", "n8n", "dify", "coze");

  private final AgentSettings settings;
  private final SwitchboardProperties.Llm shared;
  private final AgentFiles files;
  private volatile Map<String, Agent> agents;

  @Autowired
  public AgentRegistry(AgentSettings settings, SwitchboardProperties properties, AgentFiles files) {
    this.settings = settings;
    this.shared = properties.llm();
    this.files = files;
    Map<String, AgentSettings.Entry> fromFiles = files.read();
    this.agents = resolve(settings, fromFiles, shared);
  }

  /** Tests and tools: only the configured agents. */
  AgentRegistry(AgentSettings settings, SwitchboardProperties properties) {
    this(settings, properties, AgentFiles.NONE);
  }

  /**
   * Reads the agents directory again when a file changed (the {@code agents-reload} route); a directory whose agents
   * do not validate leaves the agents as they were, with the reason logged.
   */
  public boolean reload() {
    if (!files.changed()) {
      return false;
    }
    try {
      Map<String, Agent> reloaded = resolve(settings, files.read(), shared);
      agents = reloaded;
      log.info("Agents reloaded from {}: {}", files.directory(), String.join(", ", reloaded.keySet().stream().sorted().toList()));
      return true;
    } catch (IllegalStateException invalid) {
      log.warn("Agents in {} not reloaded: {}", files.directory(), invalid.getMessage());
      return false;
    }
  }

  private static Map<String, Agent> resolve(AgentSettings settings, Map<String, AgentSettings.Entry> fromFiles, SwitchboardProperties.Llm shared) {
    Map<String, AgentSettings.Entry> entries = new TreeMap<>(fromFiles);
    entries.putAll(settings.agents());
    entries.putIfAbsent(Agent.DEFAULT, new AgentSettings.Entry("the shared model", null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null));
    Map<String, Agent> resolved = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    entries.forEach((name, entry) -> {
      String runner = entry.runner() == null || entry.runner().isBlank() ? "llm" : entry.runner().strip().toLowerCase(Locale.ROOT);
      if (!RUNNERS.contains(runner)) {
        problems.add("agent '" + name + "': runner '" + runner + "' is not one of " + RUNNERS);
      }
      AgentSettings.Service service = switch (runner) {
        case "webhook" -> entry.webhook();
        case "n8n" -> entry.n8n();
        case "dify" -> entry.dify();
        case "coze" -> entry.coze();
        default -> null;
      };
      if (!runner.equals("llm") && service == null) {
        problems.add("agent '" + name + "': the " + runner + " runner needs its " + runner + " settings (docs/agents.md)");
      } else if (service != null) {
        service.problems().forEach(problem -> problems.add("agent '" + name + "': " + problem));
      }
      if (entry.timeout() != null && (entry.timeout().isNegative() || entry.timeout().isZero())) {
        problems.add("agent '" + name + "': timeout must be positive");
      }
      resolved.put(name, new Agent(name, entry.description(), runner, endpoint(entry.model(), shared),
          entry.fallbacks().stream().map(fallback -> endpoint(fallback, shared)).toList(),
          entry.systemPrompt() != null ? entry.systemPrompt() : shared.systemPrompt(),
          entry.temperature() != null ? entry.temperature() : shared.temperature() == null ? 0.7 : shared.temperature(),
          entry.historySize() != null ? entry.historySize() : shared.historySize(), entry.allow(), entry.settable(),
          entry.cache() == null ? null : entry.cache().ttl(),
          entry.cache() == null || entry.cache().maxEntries() == null ? 1000 : entry.cache().maxEntries(),
          service, service == null ? null : entry.timeout() != null ? entry.timeout() : service.defaultTimeout(), entry.tools(),
          entry.unconfirmed()));
    });
    if (!problems.isEmpty()) {
      throw new IllegalStateException("Invalid switchboard.agents configuration:\n  - " + String.join("\n  - ", problems));
    }
    return Map.copyOf(resolved);
  }

  public Optional<Agent> find(String name) {
    return Optional.ofNullable(name == null ? null : agents.get(name));
  }

  /** The agent of that name; a name no longer configured (a session from before) falls back to the default. */
  public Agent get(String name) {
    return find(name).orElse(agents.get(Agent.DEFAULT));
  }

  /** Every agent, by name. */
  public List<Agent> all() {
    return agents.values().stream().sorted(java.util.Comparator.comparing(Agent::name)).toList();
  }

  /** The agents a user ({@code <platform>:<id>}) may use, by name. */
  public List<Agent> usableBy(String userKey) {
    return all().stream().filter(agent -> agent.usableBy(userKey)).toList();
  }

  /** A configured model, the shared one's name where it gives none. */
  private static Agent.Endpoint endpoint(AgentSettings.Model model, SwitchboardProperties.Llm shared) {
    AgentSettings.Model given = model == null ? new AgentSettings.Model(null, null, null) : model;
    return new Agent.Endpoint(blankToNull(given.baseUrl()), blankToNull(given.apiKey()),
        given.name() != null && !given.name().isBlank() ? given.name() : shared.model());
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
