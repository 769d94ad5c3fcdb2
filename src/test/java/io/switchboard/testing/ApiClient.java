package io.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.security.OperatorCredentials;
import io.switchboard.security.ServerPorts;
import io.switchboard.user.ApiUsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationContext;

/**
 * A small JSON client of Switchboard's HTTP API, over a real loopback connection, that calls as the right caller:
 * a session's calls with its owner's API key (made on first use), the operator endpoints and the management port
 * ({@code /actuator/…}) with the operator's credentials, anything else as a default user. The security tests use
 * {@link #as}, {@link #anonymous()} and {@link #send} to choose the caller themselves.
 */
public final class ApiClient {

  /** Status and parsed body. */
  public record Response(int status, JsonNode body) {}

  public static final String DEFAULT_USER = "tester";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> OPERATOR_PATHS =
      List.of("/api/v1/dead-letters", "/api/v1/subscriptions", "/api/v1/tokens", "/api/v1/users", "/api/v1/bots");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final int port;
  private final ApplicationContext context;
  private final Map<String, String> keys;
  private final Map<String, String> sessionOwners;
  private final String fixedAuthorization;

  private ApiClient(int port, ApplicationContext context, Map<String, String> keys, Map<String, String> sessionOwners, String fixedAuthorization) {
    this.port = port;
    this.context = context;
    this.keys = keys;
    this.sessionOwners = sessionOwners;
    this.fixedAuthorization = fixedAuthorization;
  }

  public static ApiClient of(int port, ApplicationContext context) {
    return new ApiClient(port, context, new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), null);
  }

  /** This client calling everything as {@code user} (its API key). */
  public ApiClient as(String user) {
    return new ApiClient(port, context, keys, sessionOwners, "Bearer " + keyOf(user));
  }

  /** This client calling with no credentials at all. */
  public ApiClient anonymous() {
    return new ApiClient(port, context, keys, sessionOwners, "");
  }

  /** The API key of a user, created (or, for a user made by an earlier client, rotated) on first use. */
  public String keyOf(String user) {
    return keys.computeIfAbsent(user, name -> {
      ApiUsers users = context.getBean(ApiUsers.class);
      return (users.find(name).isPresent() ? users.rotate(name).orElseThrow() : users.create(name, false)).key();
    });
  }

  /** Makes {@code user} an admin API user (created as one, or re-created under a fresh key). */
  public void makeAdmin(String user) {
    ApiUsers users = context.getBean(ApiUsers.class);
    if (users.find(user).isEmpty()) {
      keys.put(user, users.create(user, true).key());
    } else if (!users.isAdmin(user)) {
      throw new IllegalStateException(user + " exists already as a user who is not an admin");
    }
  }

  public String operatorAuthorization() {
    OperatorCredentials operator = context.getBean(OperatorCredentials.class);
    String password = operator.generatedFile().map(ApiClient::read)
        .orElseGet(() -> context.getEnvironment().getProperty("switchboard.operator.password"));
    return "Basic " + Base64.getEncoder().encodeToString((operator.username() + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  public int managementPort() {
    return context.getBean(ServerPorts.class).management();
  }

  public Response get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET(), path);
  }

  /** @return the status of a DELETE */
  public int delete(String path) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE(), path).status();
  }

  /** The body as text, for non-JSON endpoints (Prometheus, Hawtio's page). */
  public String getText(String path) {
    HttpResponse<String> response = raw(authorized(HttpRequest.newBuilder(uri(path)), path).timeout(Duration.ofSeconds(30)));
    if (response.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + response.statusCode());
    }
    return response.body();
  }

  public Response post(String path, Map<String, ?> body) {
    try {
      return postRaw(path, JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Response postRaw(String path, String body) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), path);
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

  /** Creates a session for the user (with their key) and returns its id. */
  public String newSession(String userId) {
    Response created = as(userId).post("/api/v1/sessions", Map.of("agent", "default"));
    if (created.status() != 201) {
      throw new IllegalStateException("session not created: " + created);
    }
    String id = created.body().path("id").asText();
    sessionOwners.put(id, userId);
    return id;
  }

  /** One server-sent event: its name, id and JSON data. */
  public record Event(String name, String id, JsonNode data) {}

  /** A session's open event stream ({@code GET /api/v1/sessions/{id}/events}), read as it comes until closed. */
  public final class EventStream implements AutoCloseable {
    private final java.io.InputStream body;
    private final List<Event> events = new java.util.concurrent.CopyOnWriteArrayList<>();

    private EventStream(java.io.InputStream body) {
      this.body = body;
      Thread.ofVirtual().start(this::read);
    }

    private void read() {
      try (java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(body, java.nio.charset.StandardCharsets.UTF_8))) {
        String name = "message";
        String id = null;
        StringBuilder data = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (line.isEmpty()) {
            if (!data.isEmpty()) {
              events.add(new Event(name, id, JSON.readTree(data.toString())));
            }
            name = "message";
            id = null;
            data.setLength(0);
          } else if (line.startsWith("event:")) {
            name = line.substring(6).strip();
          } else if (line.startsWith("id:")) {
            id = line.substring(3).strip();
          } else if (line.startsWith("data:")) {
            data.append(line.substring(5).strip());
          }
        }
      } catch (IOException closed) {
        // the test closed it
      }
    }

    /** The events so far, once there are at least {@code count}. */
    public List<Event> await(int count) {
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> events.size() >= count);
      return List.copyOf(events);
    }

    @Override
    public void close() throws IOException {
      body.close();
    }
  }

  /** Opens the session's event stream, from the client's {@code Last-Event-ID} when it gives one. */
  public EventStream events(String sessionId, String lastEventId) {
    String path = "/api/v1/sessions/" + sessionId + "/events";
    // the timeout bounds the wait for the response's headers, which the stream sends at once
    HttpRequest.Builder request = authorized(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).header("Accept", "text/event-stream").GET(), path);
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    try {
      HttpResponse<java.io.InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("no event stream: " + response.statusCode() + " " + new String(response.body().readAllBytes()));
      }
      return new EventStream(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Posts a message asking for server-sent events, and reads them all (the stream ends after the reply). */
  public List<Event> sayStreaming(String sessionId, String text) {
    String path = "/api/v1/sessions/" + sessionId + "/messages";
    try {
      HttpResponse<String> response = raw(authorized(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
          .header("Accept", "text/event-stream").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("text", text)))), path));
      if (response.statusCode() != 200 || !response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
        throw new IllegalStateException("not an event stream: " + response.statusCode() + " " + response.body());
      }
      List<Event> events = new java.util.ArrayList<>();
      for (String block : response.body().split("\n\n")) {
        String name = "message";
        String id = null;
        StringBuilder data = new StringBuilder();
        for (String line : block.split("\n")) {
          if (line.startsWith("event:")) {
            name = line.substring(6).strip();
          } else if (line.startsWith("id:")) {
            id = line.substring(3).strip();
          } else if (line.startsWith("data:")) {
            data.append(line.substring(5).strip());
          }
        }
        if (!data.isEmpty()) {
          events.add(new Event(name, id, JSON.readTree(data.toString())));
        }
      }
      return events;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Response say(String sessionId, String text) {
    return post("/api/v1/sessions/" + sessionId + "/messages", Map.of("text", text));
  }

  /** Any request, with this client's choice of credentials unless the request sets its own. */
  public HttpResponse<String> raw(HttpRequest.Builder request) {
    try {
      return http.send(request.timeout(Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public URI uri(String path) {
    int target = path.startsWith("/actuator") ? managementPort() : port;
    return URI.create("http://127.0.0.1:" + target + path);
  }

  private Response send(HttpRequest.Builder request, String path) {
    HttpResponse<String> response = raw(authorized(request, path));
    try {
      JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
      return new Response(response.statusCode(), body);
    } catch (IOException notJson) {
      return new Response(response.statusCode(), JSON.getNodeFactory().textNode(response.body()));
    }
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder request, String path) {
    String authorization = fixedAuthorization != null ? fixedAuthorization : defaultAuthorization(path);
    return authorization.isEmpty() ? request : request.header("Authorization", authorization);
  }

  private String defaultAuthorization(String path) {
    if (path.startsWith("/actuator") || OPERATOR_PATHS.stream().anyMatch(path::startsWith)) {
      return operatorAuthorization();
    }
    for (Map.Entry<String, String> owned : sessionOwners.entrySet()) {
      if (path.startsWith("/api/v1/sessions/" + owned.getKey())) {
        return "Bearer " + keyOf(owned.getValue());
      }
    }
    return "Bearer " + keyOf(DEFAULT_USER);
  }

  private static String read(java.nio.file.Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
