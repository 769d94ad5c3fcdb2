package io.switchboard.tool;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code switchboard.tools.*}: the bounds of a tool-calling chain, and the HTTP tools declared in configuration.
 *
 * @param maxSteps model calls one chain may make (each may ask for several tools) before it is ended
 * @param callTimeout how long one tool call may take
 * @param confirmTimeout how long a call that needs a human's confirmation waits for it before its chain ends
 * @param http HTTP tools by name
 */
@ConfigurationProperties("switchboard.tools")
public record ToolSettings(int maxSteps, Duration callTimeout, Duration confirmTimeout, Map<String, HttpToolSettings> http) {

  public ToolSettings {
    confirmTimeout = confirmTimeout == null ? Duration.ofMinutes(10) : confirmTimeout;
    maxSteps = maxSteps <= 0 ? 8 : maxSteps;
    callTimeout = callTimeout == null ? Duration.ofSeconds(30) : callTimeout;
    http = http == null ? Map.of() : Map.copyOf(http);
  }

  /**
   * One HTTP tool: {@code url} is a template whose {@code {param}} placeholders take the arguments (URL-encoded);
   * arguments not in the URL go in a JSON body (methods other than GET and DELETE) or the query. Header values may
   * name environment variables ({@code ${GITHUB_TOKEN}}), resolved by Spring, so secrets stay out of the file.
   */
  public record HttpToolSettings(String description, Map<String, Object> parameters, String method, String url, Map<String, String> headers,
      boolean confirm) {

    public HttpToolSettings {
      method = method == null || method.isBlank() ? "GET" : method.strip().toUpperCase(java.util.Locale.ROOT);
      headers = headers == null ? Map.of() : Map.copyOf(headers);
      parameters = parameters == null ? Map.of("type", "object", "properties", Map.of()) : parameters;
    }
  }

  /** Tool-name patterns in agent settings: exact names, {@code *}, or a prefix such as {@code github.*}. */
  public static boolean matches(String pattern, String name) {
    if (pattern.equals("*")) {
      return true;
    }
    return pattern.endsWith("*") ? name.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(name);
  }

  static boolean matchesAny(List<String> patterns, String name) {
    return patterns.stream().anyMatch(p -> matches(p.strip(), name));
  }
}
