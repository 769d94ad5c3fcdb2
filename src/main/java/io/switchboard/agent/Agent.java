package io.switchboard.agent;

import io.switchboard.kernel.Wildcards;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An agent as it answers: every field filled (from its configuration, else the shared model's), and, for one
 * conversation, with that conversation's own parameters over it ({@link #with}).
 *
 * @param primary the model it asks first
 * @param fallbacks the models it asks next, in order, when the one before fails (429, 5xx, timeout)
 * @param cacheTtl how long its answers are reused for identical requests; null: not cached
 * @param service where an external runner ({@code webhook}, {@code n8n}, {@code dify}, {@code coze}) asks; null for {@code llm}
 * @param timeout how long that service may take to answer; null for {@code llm} (the model's own timeout)
 * @param tools the tool-name patterns it may call
 * @param unconfirmed the {@code confirm} tools it may run without asking
 */
public record Agent(String name, String description, String runner, Endpoint primary, List<Endpoint> fallbacks, String systemPrompt,
    double temperature, int historySize, List<String> allow, List<String> settable, java.time.Duration cacheTtl, int cacheEntries,
    AgentSettings.Service service, java.time.Duration timeout, List<String> tools, List<String> unconfirmed) {

  public static final String DEFAULT = "default";

  /**
   * A model endpoint: {@code baseUrl} and {@code apiKey} null for the shared endpoint's, {@code model} the name asked for.
   */
  public record Endpoint(String baseUrl, String apiKey, String model) {

    /** Whether this is an endpoint of its own rather than the shared model's. */
    public boolean own() {
      return baseUrl != null || apiKey != null;
    }

    /** How logs and metrics name it: the host and the model, never the key. */
    public String label() {
      return (baseUrl == null ? "shared" : java.net.URI.create(baseUrl).getHost()) + "/" + model;
    }
  }

  /** Its external runner's settings, of the type that runner reads. */
  public <T extends AgentSettings.Service> T service(Class<T> type) {
    if (!type.isInstance(service)) {
      throw new IllegalStateException("agent " + name + " is answered by its " + runner + " runner, which has no " + type.getSimpleName() + " settings");
    }
    return type.cast(service);
  }

  /** The model name it asks its primary endpoint for. */
  public String model() {
    return primary.model();
  }

  /** Its models, in the order they are tried. */
  public List<Endpoint> endpoints() {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(primary), fallbacks.stream()).toList();
  }

  /** Whether this user ({@code <platform>:<id>}) may use it: everyone when it names nobody. */
  public boolean usableBy(String userKey) {
    return allow.isEmpty() || (userKey != null && allow.stream().anyMatch(pattern -> Wildcards.matches(pattern.strip(), userKey)));
  }

  public boolean settable(Parameter parameter) {
    return settable.stream().anyMatch(key -> key.equalsIgnoreCase(parameter.key()));
  }

  /** This agent with a conversation's parameters over its own (values checked when they were set). */
  public Agent with(Map<Parameter, String> parameters) {
    String prompt = parameters.getOrDefault(Parameter.SYSTEM_PROMPT, systemPrompt);
    double t = parameters.containsKey(Parameter.TEMPERATURE) ? Double.parseDouble(parameters.get(Parameter.TEMPERATURE)) : temperature;
    int history = parameters.containsKey(Parameter.HISTORY_SIZE) ? Integer.parseInt(parameters.get(Parameter.HISTORY_SIZE)) : historySize;
    return new Agent(name, description, runner, primary, fallbacks, prompt, t, history, allow, settable, cacheTtl, cacheEntries, service,
        timeout, tools, unconfirmed);
  }

  /** Its parameters as {@code /agent show} lists them (never the key). */
  public String describe() {
    String then = fallbacks.isEmpty() ? "" : "\nfallbacks: " + String.join(", ", fallbacks.stream().map(Endpoint::model).toList());
    if (service != null) {
      return String.format(Locale.ROOT, "%s (%s)%s\nurl: %s\ntimeout: %d s\nhistory-size: %d", name, runner,
          description == null || description.isBlank() ? "" : " — " + description, service.url(), timeout.toSeconds(), historySize);
    }
    return String.format(Locale.ROOT, "%s (%s)%s\nmodel: %s%s%s\ntemperature: %s\nhistory-size: %d\nsystem-prompt: %s", name, runner,
        description == null || description.isBlank() ? "" : " — " + description, primary.model(),
        primary.baseUrl() == null ? "" : " at " + primary.baseUrl(), then,
        temperature, historySize, systemPrompt == null || systemPrompt.isBlank() ? "(none)" : systemPrompt);
  }
}
