package io.switchboard.agent;

import io.switchboard.config.SwitchboardProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * The configured agents by name, each filled from the shared model's settings where it says nothing. There is always
 * a {@code default} agent: today's {@code switchboard.llm.*} when it is not configured itself.
 */
@Component
public class AgentRegistry {

  private static final List<String> RUNNERS = List.of("llm", "webhook");

  private final Map<String, Agent> agents;

  public AgentRegistry(AgentSettings settings, SwitchboardProperties properties) {
    SwitchboardProperties.Llm shared = properties.llm();
    Map<String, AgentSettings.Entry> entries = new TreeMap<>(settings.agents());
    entries.putIfAbsent(Agent.DEFAULT, new AgentSettings.Entry("the shared model", null, null, null, null, null, null, null, null, null, null));
    Map<String, Agent> resolved = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    entries.forEach((name, entry) -> {
      String runner = entry.runner() == null || entry.runner().isBlank() ? "llm" : entry.runner().strip().toLowerCase(Locale.ROOT);
      if (!RUNNERS.contains(runner)) {
        problems.add("agent '" + name + "': runner '" + runner + "' is not one of " + RUNNERS);
      }
      AgentSettings.Webhook webhook = entry.webhook();
      if (runner.equals("webhook") && (webhook == null || blankToNull(webhook.url()) == null || blankToNull(webhook.secret()) == null)) {
        problems.add("agent '" + name + "': the webhook runner needs webhook.url and webhook.secret");
      }
      resolved.put(name, new Agent(name, entry.description(), runner, endpoint(entry.model(), shared),
          entry.fallbacks().stream().map(fallback -> endpoint(fallback, shared)).toList(),
          entry.systemPrompt() != null ? entry.systemPrompt() : shared.systemPrompt(),
          entry.temperature() != null ? entry.temperature() : shared.temperature() == null ? 0.7 : shared.temperature(),
          entry.historySize() != null ? entry.historySize() : shared.historySize(), entry.allow(), entry.settable(),
          entry.cache() == null ? null : entry.cache().ttl(),
          entry.cache() == null || entry.cache().maxEntries() == null ? 1000 : entry.cache().maxEntries(),
          runner.equals("webhook") ? webhook : null));
    });
    if (!problems.isEmpty()) {
      throw new IllegalStateException("Invalid switchboard.agents configuration:\n  - " + String.join("\n  - ", problems));
    }
    this.agents = Map.copyOf(resolved);
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
