package io.switchboard.mcp;

import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.McpTransport;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import dev.langchain4j.mcp.client.transport.stdio.StdioMcpTransport;
import io.switchboard.tool.ToolSettings;
import java.io.IOException;
import org.springframework.stereotype.Component;

/** Opens a connection to a configured MCP server: its transport, then the MCP handshake. */
@Component
class McpClients {

  private final ToolSettings tools;

  McpClients(ToolSettings tools) {
    this.tools = tools;
  }

  /** A connected, initialised client; throws when the server cannot be reached or does not answer the handshake. */
  McpClient connect(String name, McpSettings.Server server) {
    McpTransport transport = server.overHttp()
        ? StreamableHttpMcpTransport.builder().url(server.url()).customHeaders(server.headers()).timeout(tools.callTimeout()).build()
        : new StdioMcpTransport.Builder().command(server.command()).environment(server.environment()).build();
    try {
      return new DefaultMcpClient.Builder()
          .key(name)
          .clientName("switchboard")
          .transport(transport)
          .initializationTimeout(server.timeout())
          .toolExecutionTimeout(tools.callTimeout())
          .autoHealthCheck(false) // McpServer pings on its own schedule and withdraws the tools of a server that is down
          .cacheToolList(true) // kept until the server says notifications/tools/list_changed
          .build();
    } catch (RuntimeException e) {
      close(transport); // a stdio server that started but failed the handshake must not linger
      throw e;
    }
  }

  private static void close(McpTransport transport) {
    try {
      transport.close();
    } catch (IOException | RuntimeException ignored) {
      // already failing: the connection error is the one to report
    }
  }
}
