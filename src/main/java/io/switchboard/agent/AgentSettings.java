package io.switchboard.agent;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code switchboard.agents.<name>.*}: the agents as configured. What an agent leaves out comes from
 * {@code switchboard.llm.*}, so the {@code default} agent, configured or not, is the model Switchboard always had.
 */
@ConfigurationProperties("switchboard")
public record AgentSettings(Map<String, Entry> agents) {

  public AgentSettings {
    agents = agents == null ? Map.of() : Map.copyOf(agents);
  }

  /**
   * @param description what the agent is for, shown by {@code /agent}
   * @param runner which runner answers: {@code llm} (the only one so far)
   * @param model its own model endpoint: {@code base-url}, {@code api-key}, {@code name}; each left out is the shared model's
   * @param fallbacks the models tried in order when the one before answers 429, 5xx or not in time
   * @param systemPrompt the system message
   * @param temperature sampling temperature
   * @param historySize rounds of history sent with a message
   * @param allow who may use it: user keys with wildcards ({@code telegram:*}, {@code api:ada}); everyone when empty
   * @param settable the parameters a conversation may set with {@code /set}: by default temperature and history-size
   * @param cache an opt-in cache of its answers to identical requests (deterministic agents: summarisers, FAQ bots)
   * @param webhook for the {@code webhook} runner: where the turn is posted, and the secret that signs it
   * @param n8n for the {@code n8n} runner: the workflow's webhook URL and its authentication
   * @param tools the tools it may call (names, wildcards)
   * @param unconfirmed tools marked {@code confirm} that it may run without asking (an operator's choice)
   */
  public record Entry(String description, String runner, Model model, List<Model> fallbacks, String systemPrompt, Double temperature,
      Integer historySize, List<String> allow, List<String> settable, Cache cache, Webhook webhook, N8n n8n, List<String> tools,
      List<String> unconfirmed) {

    public Entry {
      tools = tools == null ? List.of() : List.copyOf(tools);
      unconfirmed = unconfirmed == null ? List.of() : List.copyOf(unconfirmed);
      fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
      allow = allow == null ? List.of() : List.copyOf(allow);
      settable = settable == null ? List.of(Parameter.TEMPERATURE.key(), Parameter.HISTORY_SIZE.key()) : List.copyOf(settable);
    }
  }

  /**
   * An n8n workflow behind its Webhook trigger: {@code auth} {@code none}, {@code basic} ({@code username},
   * {@code password}) or {@code header} ({@code header-name}, {@code header-value}); the answer's text is under
   * {@code output-key} ({@code response} by default).
   */
  public record N8n(String url, String auth, String username, String password, String headerName, String headerValue, String outputKey) {}

  /** An agent behind a URL: each turn is POSTed there, signed with the secret. */
  public record Webhook(String url, String secret) {}

  /** How long an answer is reused, and how many are kept for the agent (the oldest go first). */
  public record Cache(Duration ttl, Integer maxEntries) {}

  /** A model endpoint; a field left out is the shared model's. */
  public record Model(String baseUrl, String apiKey, String name) {}
}
