package io.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An MCP server over streamable HTTP on loopback ({@code POST /mcp}), as the 2025-06-18 transport specifies it: the
 * client accepts {@code application/json} and {@code text/event-stream}; {@code initialize} opens a session named in
 * {@code Mcp-Session-Id}, which every later request must carry (404 for a session it does not know); notifications get
 * 202. A call whose tool tells the client something first is answered as an SSE stream, the notification before the
 * response. It demands {@code Authorization: Bearer <token>} and can be taken down (503) and brought back (with its
 * sessions gone, as after a restart).
 */
public final class FakeMcpServer extends LoopbackServer {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final McpToolbox toolbox;
  private final String token;
  private final Set<String> sessions = ConcurrentHashMap.newKeySet();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private volatile boolean available = true;

  public FakeMcpServer(String name, String token) throws IOException {
    this.toolbox = new McpToolbox(name);
    this.token = token;
    server.createContext("/mcp", this::mcp);
    server.start();
  }

  public String url() {
    return base() + "/mcp";
  }

  /** The tools called, by name, in order. */
  public List<String> calls() {
    return List.copyOf(calls);
  }

  public void available(boolean available) {
    if (!available) {
      sessions.clear();
    }
    this.available = available;
  }

  private void mcp(HttpExchange exchange) throws IOException {
    if (!available) {
      respond(exchange, 503, "text/plain", "down for maintenance".getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (!exchange.getRequestMethod().equals("POST")) {
      respond(exchange, 405, "text/plain", new byte[0]); // no server-initiated stream on GET
      return;
    }
    if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      respond(exchange, 401, "application/json", "{\"error\":\"invalid_token\"}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    String accept = String.valueOf(exchange.getRequestHeaders().getFirst("Accept"));
    if (!accept.contains("application/json") || !accept.contains("text/event-stream")) {
      respond(exchange, 406, "text/plain", "accept both application/json and text/event-stream".getBytes(StandardCharsets.UTF_8));
      return;
    }
    JsonNode message = JSON.readTree(exchange.getRequestBody());
    boolean initialize = message.path("method").asText().equals("initialize");
    String session = exchange.getRequestHeaders().getFirst("Mcp-Session-Id");
    if (!initialize && (session == null || !sessions.contains(session))) {
      respond(exchange, session == null ? 400 : 404, "text/plain", "unknown session".getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (message.path("method").asText().equals("tools/call")) {
      calls.add(message.path("params").path("name").asText());
    }
    List<JsonNode> said = new ArrayList<>();
    Optional<JsonNode> response = toolbox.handle(message, said::add);
    if (initialize) {
      session = UUID.randomUUID().toString();
      sessions.add(session);
      exchange.getResponseHeaders().add("Mcp-Session-Id", session);
    }
    if (response.isEmpty()) {
      exchange.sendResponseHeaders(202, -1);
      exchange.close();
    } else if (said.isEmpty()) {
      respond(exchange, 200, "application/json", JSON.writeValueAsBytes(response.get()));
    } else {
      StringBuilder stream = new StringBuilder();
      said.forEach(notification -> stream.append("event: message\ndata: ").append(notification).append("\n\n"));
      stream.append("event: message\ndata: ").append(response.get()).append("\n\n");
      respond(exchange, 200, "text/event-stream", stream.toString().getBytes(StandardCharsets.UTF_8));
    }
  }
}
