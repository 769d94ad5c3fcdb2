package io.switchboard.mcp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code switchboard.mcp.*}: the MCP servers whose tools agents may use.
 *
 * @param servers by name; the name is the prefix of its tools ({@code <name>.<tool>})
 * @param checkInterval how often a server that is down is tried again and one that is up is pinged
 */
@ConfigurationProperties("switchboard.mcp")
public record McpSettings(Map<String, Server> servers, Duration checkInterval) {

  public McpSettings {
    servers = servers == null ? Map.of() : Map.copyOf(servers);
    checkInterval = checkInterval == null ? Duration.ofSeconds(30) : checkInterval;
  }

  /**
   * One server: either {@code url} (streamable HTTP, with {@code headers}; values may name environment variables,
   * {@code ${NOTION_TOKEN}}) or {@code command} (stdio, with {@code environment}).
   *
   * @param confirm patterns of this server's tool names (without the prefix) whose calls a human must confirm
   * @param timeout how long connecting may take
   */
  public record Server(String url, Map<String, String> headers, List<String> command, Map<String, String> environment, List<String> confirm,
      Duration timeout) {

    public Server {
      headers = headers == null ? Map.of() : Map.copyOf(headers);
      command = command == null ? List.of() : List.copyOf(command);
      environment = environment == null ? Map.of() : Map.copyOf(environment);
      confirm = confirm == null ? List.of() : List.copyOf(confirm);
      timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
    }

    boolean overHttp() {
      return url != null && !url.isBlank();
    }

    /** A server needs exactly one way to reach it; found at start-up, not at its first call. */
    void validate(String name) {
      if (overHttp() == !command.isEmpty()) {
        throw new IllegalStateException("switchboard.mcp.servers." + name + " needs either url or command, not " + (overHttp() ? "both" : "neither"));
      }
    }

    /** For logs: the URL without its query and the program without its arguments, which may hold secrets. */
    String describe() {
      return overHttp() ? url.replaceFirst("[?#].*$", "") : command.get(0);
    }
  }
}
