package io.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback n8n Webhook trigger with a "Respond to Webhook" node: {@code POST /webhook/<path>} with Basic auth
 * (401 otherwise, as n8n answers), {@code chatInput} and {@code sessionId} in the body; it answers
 * {@code {"response": "n8n says: <chatInput>"}}, or, for a chatInput containing {@code [[stream]]}, the NDJSON stream
 * n8n's streaming response sends: {@code begin}, {@code item}s, {@code end}.
 */
public final class FakeN8n extends LoopbackServer {

  private final ObjectMapper json = new ObjectMapper();
  private final String authorization;
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();

  public FakeN8n(String username, String password) throws IOException {
    this.authorization = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    server.createContext("/webhook/", this::handle);
    server.start();
  }

  public String url(String path) {
    return base() + "/webhook/" + path;
  }

  public List<JsonNode> received() {
    return List.copyOf(received);
  }

  private void handle(HttpExchange exchange) throws IOException {
    if (!authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      respond(exchange, 401, "application/json", "{\"code\":401,\"message\":\"Authorization data is wrong!\"}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    JsonNode body = json.readTree(exchange.getRequestBody());
    received.add(body);
    String input = body.path("chatInput").asText();
    if (input.contains("[[stream]]")) {
      String stream = "{\"type\":\"begin\",\"metadata\":{}}\n{\"type\":\"item\",\"content\":\"n8n \"}\n"
          + "{\"type\":\"item\",\"content\":\"streams: " + input.replace("\"", "") + "\"}\n{\"type\":\"end\",\"metadata\":{}}\n";
      respond(exchange, 200, "application/x-ndjson", stream.getBytes(StandardCharsets.UTF_8));
      return;
    }
    respond(exchange, 200, "application/json", json.writeValueAsBytes(java.util.Map.of("response", "n8n says: " + input)));
  }
}
