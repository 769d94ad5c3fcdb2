package io.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The terminal conversation through a running serve's HTTP API; the same session as in-process chat. */
class RemoteTerminal implements Terminal {

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final String sessionId;

  RemoteTerminal(int port, String user) throws IOException, InterruptedException {
    this.base = "http://127.0.0.1:" + port + "/api/v1/sessions";
    JsonNode existing = call(HttpRequest.newBuilder(URI.create(base + "?platform=cli&userId=" + URLEncoder.encode(user, StandardCharsets.UTF_8))).GET());
    this.sessionId =
        existing.isArray() && !existing.isEmpty()
            ? existing.get(0).path("id").asText()
            : call(post(base, Map.of("userId", user, "agent", "default", "platform", "cli"))).path("id").asText();
  }

  @Override
  public Reply send(String text, boolean debug) throws IOException, InterruptedException {
    JsonNode reply = call(post(base + "/" + sessionId + "/messages", Map.of("text", text, "debug", debug)));
    List<String> prompt = new ArrayList<>();
    reply.path("prompt").forEach(p -> prompt.add(p.asText()));
    return new Reply(reply.path("text").asText(reply.path("error").asText()), prompt);
  }

  private HttpRequest.Builder post(String uri, Map<String, Object> body) throws IOException {
    return HttpRequest.newBuilder(URI.create(uri))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
  }

  private JsonNode call(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body = json.readTree(response.body());
    if (response.statusCode() >= 400) {
      throw new IOException("Switchboard answered " + response.statusCode() + ": " + body.path("error").asText());
    }
    return body;
  }
}
