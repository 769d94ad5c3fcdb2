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
   * @param runner which runner answers: {@code llm} (the default), {@code webhook}, {@code n8n}, {@code dify} or {@code coze}
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
   * @param dify for the {@code dify} runner: the app's API base, key and type
   * @param coze for the {@code coze} runner: the API base, token and bot
   * @param timeout how long an external runner may take to answer (webhook 60 s, n8n 120 s, Dify and Coze 600 s)
   * @param tools the tools it may call (names, wildcards)
   * @param unconfirmed tools marked {@code confirm} that it may run without asking (an operator's choice)
   */
  public record Entry(String description, String runner, Model model, List<Model> fallbacks, String systemPrompt, Double temperature,
      Integer historySize, List<String> allow, List<String> settable, Cache cache, Webhook webhook, N8n n8n, Dify dify, Coze coze,
      Duration timeout, List<String> tools, List<String> unconfirmed) {

    public Entry {
      tools = tools == null ? List.of() : List.copyOf(tools);
      unconfirmed = unconfirmed == null ? List.of() : List.copyOf(unconfirmed);
      fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
      allow = allow == null ? List.of() : List.copyOf(allow);
      settable = settable == null ? List.of(Parameter.TEMPERATURE.key(), Parameter.HISTORY_SIZE.key()) : List.copyOf(settable);
    }
  }

  /** The settings of a runner that is a service elsewhere: where it is, and what is missing for it to be asked. */
  public sealed interface Service permits Webhook, N8n, Dify, Coze {

    /** The URL that is asked (for Dify and Coze, the API base). */
    String url();

    /** What is missing or wrong, in words for the operator; empty when it can be asked. */
    List<String> problems();

    /** How long it may take to answer when the agent does not say. */
    Duration defaultTimeout();
  }

  /**
   * An n8n workflow behind its Webhook trigger: {@code auth} {@code none}, {@code basic} ({@code username},
   * {@code password}) or {@code header} ({@code header-name}, {@code header-value}); the answer's text is under
   * {@code output-key} ({@code response} by default).
   */
  public record N8n(String url, String auth, String username, String password, String headerName, String headerValue, String outputKey)
      implements Service {

    public String authScheme() {
      return auth == null || auth.isBlank() ? "none" : auth.strip();
    }

    @Override
    public List<String> problems() {
      if (blank(url)) {
        return List.of("the n8n runner needs n8n.url");
      }
      return switch (authScheme()) {
        case "none" -> List.of();
        case "basic" -> username == null || password == null ? List.of("n8n.auth basic needs n8n.username and n8n.password") : List.of();
        case "header" -> blank(headerName) || headerValue == null ? List.of("n8n.auth header needs n8n.header-name and n8n.header-value") : List.of();
        default -> List.of("n8n.auth is one of none, basic, header");
      };
    }

    @Override
    public Duration defaultTimeout() {
      return Duration.ofSeconds(120);
    }
  }

  /** An agent behind a URL: each turn is POSTed there, signed with the secret. */
  public record Webhook(String url, String secret) implements Service {

    @Override
    public List<String> problems() {
      return blank(url) || blank(secret) ? List.of("the webhook runner needs webhook.url and webhook.secret") : List.of();
    }

    @Override
    public Duration defaultTimeout() {
      return Duration.ofSeconds(60);
    }
  }

  /**
   * A Dify app through its service API: {@code base-url} (such as {@code https://api.dify.ai/v1}), the app's
   * {@code api-key}, and its {@code app} type: {@code chat} (chatflow and chatbot apps, the default) or {@code agent},
   * both over {@code /chat-messages}, or {@code workflow} over {@code /workflows/run}. {@code inputs} are the app's
   * input variables; a workflow gets the message in {@code query-input} ({@code query}) and answers with its
   * {@code output-key} output ({@code answer}, else its only text output).
   */
  public record Dify(String baseUrl, String apiKey, String app, Map<String, String> inputs, String queryInput, String outputKey)
      implements Service {

    public Dify {
      inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
    }

    @Override
    public String url() {
      return baseUrl;
    }

    public String appType() {
      return app == null || app.isBlank() ? "chat" : app.strip();
    }

    @Override
    public List<String> problems() {
      if (blank(baseUrl) || blank(apiKey)) {
        return List.of("the dify runner needs dify.base-url and dify.api-key");
      }
      return List.of("chat", "agent", "workflow").contains(appType()) ? List.of() : List.of("dify.app is one of chat, agent, workflow");
    }

    @Override
    public Duration defaultTimeout() {
      return Duration.ofSeconds(600);
    }
  }

  /**
   * A bot published on Coze through the v3 chat API: {@code base-url} ({@code https://api.coze.com} or
   * {@code https://api.coze.cn}), a personal access token as {@code api-key}, and the {@code bot-id}.
   */
  public record Coze(String baseUrl, String apiKey, String botId) implements Service {

    @Override
    public String url() {
      return baseUrl;
    }

    @Override
    public List<String> problems() {
      return blank(baseUrl) || blank(apiKey) || blank(botId) ? List.of("the coze runner needs coze.base-url, coze.api-key and coze.bot-id") : List.of();
    }

    @Override
    public Duration defaultTimeout() {
      return Duration.ofSeconds(600);
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  /** How long an answer is reused, and how many are kept for the agent (the oldest go first). */
  public record Cache(Duration ttl, Integer maxEntries) {}

  /** A model endpoint; a field left out is the shared model's. */
  public record Model(String baseUrl, String apiKey, String name) {}
}
