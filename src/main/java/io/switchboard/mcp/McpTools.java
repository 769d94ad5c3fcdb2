package io.switchboard.mcp;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.tool.Tool;
import io.switchboard.tool.ToolSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The tools of every configured MCP server. Servers are connected in the background once the application runs, and
 * checked again every {@code check-interval}: a server that is slow or down never holds up start-up or other tools.
 */
@Component
class McpTools implements ToolSource, SmartLifecycle {

  private final List<McpServer> servers = new ArrayList<>();
  private final McpSettings settings;
  private ScheduledExecutorService checks;

  McpTools(McpSettings settings, McpClients clients, MeterRegistry meters) {
    this.settings = settings;
    settings.servers().forEach((name, server) -> {
      server.validate(name);
      McpServer connection = new McpServer(name, server, clients::connect);
      servers.add(connection);
      Gauge.builder("switchboard.mcp.server.up", connection, s -> s.up() ? 1 : 0).tag("server", name).register(meters);
    });
  }

  @Override
  public List<Tool> tools() {
    List<Tool> tools = new ArrayList<>();
    servers.forEach(server -> tools.addAll(server.tools()));
    return tools;
  }

  List<McpServer> servers() {
    return List.copyOf(servers);
  }

  @Override
  public synchronized void start() {
    if (servers.isEmpty() || checks != null) {
      return;
    }
    // a thread per server: one that takes its whole timeout to fail does not delay the others' checks
    checks = Executors.newScheduledThreadPool(servers.size(), Thread.ofPlatform().name("mcp-check-", 0).daemon().factory());
    long interval = settings.checkInterval().toMillis();
    servers.forEach(server -> checks.scheduleWithFixedDelay(server::check, 0, interval, TimeUnit.MILLISECONDS));
  }

  @Override
  public synchronized void stop() {
    if (checks != null) {
      checks.shutdownNow();
      checks = null;
    }
    servers.forEach(McpServer::close);
  }

  @Override
  public synchronized boolean isRunning() {
    return checks != null;
  }
}
