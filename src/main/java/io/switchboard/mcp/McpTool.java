package io.switchboard.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.tool.Tool;
import io.switchboard.tool.ToolContext;
import io.switchboard.tool.ToolDefinition;

/** One tool of an MCP server, offered as {@code <server>.<tool>} and called by its own name on that server. */
record McpTool(ToolDefinition definition, String remoteName, McpServer server) implements Tool {

  @Override
  public String call(ObjectNode arguments, ToolContext context) throws Exception {
    return server.call(remoteName, arguments);
  }
}
