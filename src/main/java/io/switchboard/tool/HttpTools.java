package io.switchboard.tool;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.outbound.GuardedHttpClient;
import java.util.List;
import org.springframework.stereotype.Component;

/** The HTTP tools declared in configuration ({@code switchboard.tools.http.<name>}). */
@Component
public class HttpTools implements ToolSource {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Tool> tools;

  public HttpTools(ToolSettings settings, GuardedHttpClient http) {
    this.tools = settings.http().entrySet().stream()
        .map(entry -> (Tool) new HttpTool(definition(entry.getKey(), entry.getValue()), entry.getValue(), http))
        .toList();
  }

  @Override
  public List<Tool> tools() {
    return tools;
  }

  static ToolDefinition definition(String name, ToolSettings.HttpToolSettings settings) {
    if (settings.url() == null || settings.url().isBlank()) {
      throw new IllegalStateException("switchboard.tools.http." + name + ".url is missing");
    }
    ObjectNode parameters = JSON.valueToTree(settings.parameters());
    String description = settings.description() == null ? settings.method() + " " + settings.url() : settings.description();
    return new ToolDefinition(name, description, parameters, settings.confirm(), ToolDefinition.HTTP);
  }
}
