package io.switchboard.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A tool as the model sees it: a name ({@code <server>.<tool>} for MCP tools), what it does, its arguments as a JSON
 * Schema object, and whether a human must confirm each call before it runs.
 */
public record ToolDefinition(String name, String description, ObjectNode parameters, boolean confirm, String origin) {

  public static final String BUILT_IN = "built-in";
  public static final String HTTP = "http";
  public static final String MCP = "mcp";
}
