package io.switchboard.agent;

import io.switchboard.kernel.Wildcards;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An agent as it answers: every field filled (from its configuration, else the shared model's), and, for one
 * conversation, with that conversation's own parameters over it ({@link #with}).
 *
 * @param baseUrl its own endpoint, or null for the shared model's
 * @param apiKey its own key, or null for the shared model's
 * @param model the model name it asks for
 */
public record Agent(String name, String description, String runner, String baseUrl, String apiKey, String model, String systemPrompt,
    double temperature, int historySize, List<String> allow, List<String> settable) {

  public static final String DEFAULT = "default";

  /** Whether it talks to an endpoint of its own rather than the shared model's. */
  public boolean ownEndpoint() {
    return baseUrl != null || apiKey != null;
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
    return new Agent(name, description, runner, baseUrl, apiKey, model, prompt, t, history, allow, settable);
  }

  /** Its parameters as {@code /agent show} lists them (never the key). */
  public String describe() {
    return String.format(Locale.ROOT, "%s (%s)%s\nmodel: %s%s\ntemperature: %s\nhistory-size: %d\nsystem-prompt: %s", name, runner,
        description == null || description.isBlank() ? "" : " — " + description, model, baseUrl == null ? "" : " at " + baseUrl,
        temperature, historySize, systemPrompt == null || systemPrompt.isBlank() ? "(none)" : systemPrompt);
  }
}
