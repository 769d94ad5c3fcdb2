package io.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The MCP server side of the test servers (JSON-RPC 2.0, protocol 2025-06-18), whatever carries it: {@code initialize},
 * {@code ping}, {@code tools/list} and {@code tools/call}. Its tools: {@code add} (two integers), {@code fail} (an
 * error result), and {@code unlock} ({@code name}), which adds a tool {@code vault_<name>} and tells the client
 * {@code notifications/tools/list_changed} ({@code unlock_quietly} adds it without a word).
 */
public final class McpToolbox {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final String serverName;
  private final Set<String> unlocked = ConcurrentHashMap.newKeySet();

  public McpToolbox(String serverName) {
    this.serverName = serverName;
  }

  /** The response to a message (none for a notification); {@code notify} carries what the server says first. */
  public Optional<JsonNode> handle(JsonNode message, Consumer<JsonNode> notify) {
    if (!message.has("id")) {
      return Optional.empty(); // notifications/initialized, notifications/cancelled
    }
    JsonNode params = message.path("params");
    return Optional.of(switch (message.path("method").asText()) {
      case "initialize" -> result(message, JSON.createObjectNode()
          .put("protocolVersion", params.path("protocolVersion").asText("2025-06-18"))
          .<ObjectNode>set("capabilities", JSON.createObjectNode().set("tools", JSON.createObjectNode().put("listChanged", true)))
          .set("serverInfo", JSON.createObjectNode().put("name", serverName).put("version", "1.0")));
      case "ping" -> result(message, JSON.createObjectNode());
      case "tools/list" -> result(message, JSON.createObjectNode().set("tools", tools()));
      case "tools/call" -> call(message, params.path("name").asText(), params.path("arguments"), notify);
      default -> error(message, -32601, "Method not found: " + message.path("method").asText());
    });
  }

  private JsonNode call(JsonNode message, String tool, JsonNode arguments, Consumer<JsonNode> notify) {
    if (tool.equals("add")) {
      return text(message, String.valueOf(arguments.path("a").asLong() + arguments.path("b").asLong()), false);
    }
    if (tool.equals("fail")) {
      return text(message, "the disk is full", true);
    }
    if (tool.equals("unlock_quietly")) {
      unlocked.add(arguments.path("name").asText()); // a list change the server tells nobody about in this response
      return text(message, "unlocked vault_" + arguments.path("name").asText(), false);
    }
    if (tool.equals("unlock")) {
      unlocked.add(arguments.path("name").asText());
      notify.accept(JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/tools/list_changed"));
      return text(message, "unlocked vault_" + arguments.path("name").asText(), false);
    }
    if (tool.startsWith("vault_") && unlocked.contains(tool.substring("vault_".length()))) {
      return text(message, "the vault holds 3 gold coins", false);
    }
    return error(message, -32602, "Unknown tool: " + tool);
  }

  private ArrayNode tools() {
    ArrayNode tools = JSON.createArrayNode();
    tools.add(tool("add", "Adds two integers", JSON.createObjectNode().put("type", "object")
        .<ObjectNode>set("properties", JSON.createObjectNode()
            .<ObjectNode>set("a", JSON.createObjectNode().put("type", "integer"))
            .set("b", JSON.createObjectNode().put("type", "integer")))
        .set("required", JSON.valueToTree(List.of("a", "b")))));
    tools.add(tool("fail", "Always fails", JSON.createObjectNode().put("type", "object")));
    tools.add(tool("unlock", "Unlocks a vault", JSON.createObjectNode().put("type", "object")
        .set("properties", JSON.createObjectNode().set("name", JSON.createObjectNode().put("type", "string")))));
    unlocked.stream().sorted().forEach(name -> tools.add(tool("vault_" + name, "Opens the vault " + name, JSON.createObjectNode().put("type", "object"))));
    return tools;
  }

  private static ObjectNode tool(String name, String description, ObjectNode inputSchema) {
    return JSON.createObjectNode().put("name", name).put("description", description).set("inputSchema", inputSchema);
  }

  private static JsonNode text(JsonNode request, String text, boolean isError) {
    ObjectNode content = JSON.createObjectNode().put("type", "text").put("text", text);
    return result(request, JSON.createObjectNode().<ObjectNode>set("content", JSON.createArrayNode().add(content)).put("isError", isError));
  }

  private static JsonNode result(JsonNode request, JsonNode result) {
    return JSON.createObjectNode().put("jsonrpc", "2.0").<ObjectNode>set("id", request.get("id")).set("result", result);
  }

  private static JsonNode error(JsonNode request, int code, String message) {
    return JSON.createObjectNode().put("jsonrpc", "2.0").<ObjectNode>set("id", request.get("id"))
        .set("error", JSON.createObjectNode().put("code", code).put("message", message));
  }
}
