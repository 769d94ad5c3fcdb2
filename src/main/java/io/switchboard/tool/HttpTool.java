package io.switchboard.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.outbound.GuardedHttpClient;
import io.switchboard.outbound.OutboundRefusedException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP tool: its URL template filled with the arguments, the rest in the query (GET, DELETE) or a JSON body,
 * sent through the guarded outbound client. 2xx returns the body to the model; anything else is a failure it reads.
 */
class HttpTool implements Tool {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.-]+)}");
  static final int MAX_RESULT_CHARS = 8000;

  private final ToolDefinition definition;
  private final ToolSettings.HttpToolSettings settings;
  private final GuardedHttpClient http;

  HttpTool(ToolDefinition definition, ToolSettings.HttpToolSettings settings, GuardedHttpClient http) {
    this.definition = definition;
    this.settings = settings;
    this.http = http;
  }

  @Override
  public ToolDefinition definition() {
    return definition;
  }

  @Override
  public String call(ObjectNode arguments, ToolContext context) throws Exception {
    ObjectNode rest = arguments.deepCopy();
    String url = fill(settings.url(), rest);
    boolean bodiless = settings.method().equals("GET") || settings.method().equals("DELETE") || settings.method().equals("HEAD");
    String body = null;
    if (bodiless) {
      url = withQuery(url, rest);
    } else if (!rest.isEmpty()) {
      body = JSON.writeValueAsString(rest);
    }
    Map<String, String> headers = new HashMap<>(settings.headers());
    if (body != null) {
      headers.putIfAbsent("Content-Type", "application/json");
    }
    GuardedHttpClient.Response response;
    try {
      response = http.send(settings.method(), url, headers, body);
    } catch (OutboundRefusedException e) {
      throw new ToolFailure("the request was not sent: " + e.getMessage());
    }
    String text = new String(response.body(), StandardCharsets.UTF_8);
    if (text.length() > MAX_RESULT_CHARS) {
      text = text.substring(0, MAX_RESULT_CHARS) + "\n… (" + (text.length() - MAX_RESULT_CHARS) + " more characters cut)";
    }
    if (response.status() / 100 != 2) {
      throw new ToolFailure("HTTP " + response.status() + (text.isBlank() ? "" : ": " + text));
    }
    return text.isBlank() ? "HTTP " + response.status() : text;
  }

  /** Replaces each {@code {name}} with its argument, path-encoded, and takes it out of the remaining arguments. */
  static String fill(String template, ObjectNode arguments) throws ToolFailure {
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder url = new StringBuilder();
    while (matcher.find()) {
      JsonNode value = arguments.remove(matcher.group(1));
      if (value == null || value.isNull()) {
        throw new ToolFailure("the argument '" + matcher.group(1) + "' is required");
      }
      matcher.appendReplacement(url, Matcher.quoteReplacement(encode(value.asText())));
    }
    matcher.appendTail(url);
    return url.toString();
  }

  static String withQuery(String url, ObjectNode arguments) {
    StringBuilder query = new StringBuilder();
    for (Iterator<Map.Entry<String, JsonNode>> it = arguments.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> argument = it.next();
      String value = argument.getValue().isValueNode() ? argument.getValue().asText() : argument.getValue().toString();
      query.append(query.isEmpty() ? "" : "&").append(encode(argument.getKey())).append('=').append(encode(value));
    }
    return query.isEmpty() ? url : url + (url.contains("?") ? "&" : "?") + query;
  }

  /** Encoded so that an argument cannot add path segments, a query or a fragment of its own. */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
