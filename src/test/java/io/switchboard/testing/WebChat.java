package io.switchboard.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.security.WebLogins;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A browser's web chat, without the page: logged in with a login link (its cookie), the chat's WebSocket open, the
 * frames it is sent collected as JSON.
 */
public final class WebChat implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebSocket socket;
  private final List<JsonNode> frames;

  private WebChat(WebSocket socket, List<JsonNode> frames) {
    this.socket = socket;
    this.frames = frames;
  }

  /** Opens the chat {@code chat} of {@code user}; {@code agent}, when not null, is the one a new chat starts with. */
  public static WebChat open(int port, WebLogins logins, String user, String chat, String agent) throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    String base = "http://127.0.0.1:" + port;
    browser.send(HttpRequest.newBuilder(URI.create(base + "/?token=" + logins.issue(user, Duration.ofMinutes(5)))).build(),
        HttpResponse.BodyHandlers.discarding());
    List<JsonNode> frames = new CopyOnWriteArrayList<>();
    String query = "chat=" + chat + (agent == null ? "" : "&agent=" + URLEncoder.encode(agent, StandardCharsets.UTF_8));
    WebSocket socket = browser.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/chat?" + query), new WebSocket.Listener() {
      private final StringBuilder partial = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          try {
            frames.add(JSON.readTree(partial.toString()));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          partial.setLength(0);
        }
        webSocket.request(1);
        return null;
      }
    }).get(10, TimeUnit.SECONDS);
    return new WebChat(socket, frames);
  }

  public void send(Map<String, ?> frame) throws Exception {
    socket.sendText(JSON.writeValueAsString(frame), true).get(10, TimeUnit.SECONDS);
  }

  /** The newest frame of that type that matches, once one has come (frames before {@code after} are not looked at). */
  public JsonNode awaitFrame(String type, int after, Predicate<JsonNode> matching) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> frames.subList(after, frames.size()).stream()
        .filter(frame -> frame.path("type").asText().equals(type)).filter(matching).reduce((first, second) -> second).orElse(null),
        java.util.Objects::nonNull);
  }

  /** The frames that came from position {@code from} on, in order. */
  public List<JsonNode> frames(int from) {
    return List.copyOf(frames.subList(from, frames.size()));
  }

  /** How many frames came so far: where to look from for the answer to what is sent next. */
  public int received() {
    return frames.size();
  }

  @Override
  public void close() throws Exception {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
  }
}
