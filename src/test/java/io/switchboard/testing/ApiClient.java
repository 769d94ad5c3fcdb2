package io.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small JSON client of Switchboard's HTTP API, over a real loopback connection. */
public final class ApiClient {

  /** Status and parsed body. */
  public record Response(int status, JsonNode body) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public ApiClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  public Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  /** @return the status of a DELETE */
  public int delete(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE()).status();
  }

  /** The body as text, for non-JSON endpoints (Prometheus, Hawtio's page). */
  public String getText(String path) {
    try {
      HttpResponse<String> response =
          http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(path + " answered " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Response post(String path, Map<String, ?> body) {
    try {
      return postRaw(path, JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Response postRaw(String path, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** The dead letter whose body contains {@code marker}, or null while there is none. */
  public JsonNode deadLetterFor(String marker) {
    for (JsonNode letter : get("/api/v1/dead-letters?limit=1000").body()) {
      if (letter.path("body").asText().contains(marker)) {
        return letter;
      }
    }
    return null;
  }

  /** Creates a session for the user and returns its id. */
  public String newSession(String userId) {
    Response created = post("/api/v1/sessions", Map.of("userId", userId, "agent", "default"));
    if (created.status() != 201) {
      throw new IllegalStateException("session not created: " + created);
    }
    return created.body().path("id").asText();
  }

  public Response say(String sessionId, String text) {
    return post("/api/v1/sessions/" + sessionId + "/messages", Map.of("text", text));
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
      return new Response(response.statusCode(), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
