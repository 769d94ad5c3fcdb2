package io.switchboard.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.exception.ToolExecutionException;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.service.tool.ToolExecutionResult;
import io.switchboard.tool.Tool;
import io.switchboard.tool.ToolDefinition;
import io.switchboard.tool.ToolFailure;
import io.switchboard.tool.ToolSettings;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured MCP server and the state of its connection. {@link #check()} connects a server that is down and
 * pings one that is up; while it is down its tools are not offered, and the reason is logged once per change. The
 * tool list is the client's cached one, fetched again after the server says its list changed and at every check.
 */
class McpServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(McpServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final McpSettings.Server settings;
  private final BiFunction<String, McpSettings.Server, McpClient> connector;
  private volatile McpClient client;
  private volatile String downReason = "not connected yet";

  McpServer(String name, McpSettings.Server settings, BiFunction<String, McpSettings.Server, McpClient> connector) {
    this.name = name;
    this.settings = settings;
    this.connector = connector;
  }

  String name() {
    return name;
  }

  boolean up() {
    return client != null;
  }

  /** Why the server's tools are not offered, or null while it is up. */
  String downReason() {
    return up() ? null : downReason;
  }

  /** Connects when down; when up, pings and fetches the tool list again; never throws. */
  synchronized void check() {
    McpClient current = client;
    try {
      if (current == null) {
        current = connector.apply(name, settings);
        client = current;
        log.info("MCP server {} ({}) is up with {} tools", name, settings.describe(), current.listTools().size());
      } else {
        current.checkHealth();
        // the client does not open the optional GET stream, so a list_changed the server sends there is never heard:
        // the list is fetched again at every check too
        if (current instanceof DefaultMcpClient lists) {
          lists.evictToolListCache();
          current.listTools();
        }
      }
    } catch (RuntimeException e) {
      wentDown(current, e);
    }
  }

  /** The server's tools as {@code <name>.<tool>}, none while it is down. */
  List<Tool> tools() {
    McpClient current = client;
    if (current == null) {
      return List.of();
    }
    try {
      return current.listTools().stream().map(spec -> (Tool) new McpTool(definition(spec), spec.name(), this)).toList();
    } catch (RuntimeException e) {
      wentDown(current, e);
      return List.of();
    }
  }

  /** Runs one of the server's tools; an error result or a lost connection is a failure the model reads. */
  String call(String tool, ObjectNode arguments) throws ToolFailure {
    McpClient current = client;
    if (current == null) {
      throw new ToolFailure("the MCP server " + name + " is not reachable");
    }
    ToolExecutionResult result;
    try {
      result = current.executeTool(ToolExecutionRequest.builder().name(tool).arguments(arguments.toString()).build());
    } catch (ToolExecutionException e) {
      throw new ToolFailure(Objects.requireNonNullElse(e.getMessage(), "the tool reported an error")); // the server's isError result
    } catch (RuntimeException e) {
      log.warn("MCP server {} failed on a call of {}: {}", name, tool, e.toString());
      throw new ToolFailure("the MCP server " + name + " did not answer the call");
    }
    if (result.isError()) {
      throw new ToolFailure(Objects.requireNonNullElse(result.resultText(), "the tool reported an error"));
    }
    return Objects.requireNonNullElse(result.resultText(), "");
  }

  private ToolDefinition definition(ToolSpecification spec) {
    ObjectNode parameters = spec.parameters() == null ? JSON.createObjectNode().put("type", "object")
        : JSON.valueToTree(JsonSchemaElementUtils.toMap(spec.parameters()));
    String description = spec.description() == null ? spec.name() + " (MCP server " + name + ")" : spec.description();
    boolean confirm = settings.confirm().stream().anyMatch(pattern -> ToolSettings.matches(pattern.strip(), spec.name()));
    return new ToolDefinition(name + "." + spec.name(), description, parameters, confirm, ToolDefinition.MCP);
  }

  private synchronized void wentDown(McpClient failed, RuntimeException cause) {
    String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    if (client == failed && failed != null) {
      client = null;
      closeQuietly(failed);
    }
    if (!reason.equals(downReason) || failed != null) {
      log.warn("MCP server {} ({}) is down, its tools are not offered: {}", name, settings.describe(), reason);
    }
    downReason = reason;
  }

  @Override
  public synchronized void close() {
    McpClient current = client;
    client = null;
    downReason = "closed";
    if (current != null) {
      closeQuietly(current);
    }
  }

  private static void closeQuietly(McpClient client) {
    try {
      client.close();
    } catch (Exception ignored) {
      // the connection is being given up anyway
    }
  }
}
