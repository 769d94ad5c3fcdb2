package io.switchboard.adapter.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.bot.Bots;
import io.switchboard.channel.IngressPublisher;
import io.switchboard.envelope.Envelope;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * DingTalk's Stream mode source: no public callback URL; the app opens a WebSocket to DingTalk
 * ({@code POST /v1.0/gateway/connections/open} gives the endpoint and a ticket) and robot messages arrive on it. Each
 * message is published (confirmed) before it is acknowledged, so an unacknowledged one is redelivered by DingTalk and,
 * carrying the same {@code msgId}, answered once. The {@code dingtalk-stream-source} route calls
 * {@link #ensureConnected} every second: a dropped connection (or DingTalk's {@code disconnect}) is reopened, with a
 * growing pause after failures. Several instances each hold a connection; DingTalk gives each message to one of them.
 */
@Component("dingtalkStream")
public class DingTalkStream implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(DingTalkStream.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Connection(WebSocket socket, Instant openedAt) {}

  private final Bots bots;
  private final DingTalkApi api;
  private final DingTalkSource source;
  private final IngressPublisher publisher;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Map<String, Connection> connections = new ConcurrentHashMap<>();
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();
  private final Map<String, Instant> nextAttempt = new ConcurrentHashMap<>();
  private final Clock clock = Clock.systemUTC();

  public DingTalkStream(Bots bots, DingTalkApi api, DingTalkSource source, IngressPublisher publisher) {
    this.bots = bots;
    this.api = api;
    this.source = source;
    this.publisher = publisher;
  }

  /** Opens the bot's connection unless it is open, or the pause after a failure is not over. */
  public void ensureConnected(Exchange exchange) throws InterruptedException {
    String botId = exchange.getMessage().getHeader("SwitchboardBot", String.class);
    Connection connection = connections.get(botId);
    if (connection != null && !connection.socket().isInputClosed() && !connection.socket().isOutputClosed()) {
      return;
    }
    if (clock.instant().isBefore(nextAttempt.getOrDefault(botId, Instant.MIN))) {
      return;
    }
    try {
      connections.put(botId, new Connection(open(botId), clock.instant()));
      failures.remove(botId);
      log.info("DingTalk stream of bot {} connected", botId);
    } catch (IOException | RuntimeException e) {
      int failed = failures.merge(botId, 1, Integer::sum);
      Duration pause = Duration.ofSeconds(Math.min(60, 1L << Math.min(failed, 6)));
      nextAttempt.put(botId, clock.instant().plus(pause));
      log.warn("DingTalk stream of bot {} cannot connect ({}); retrying in {} s", botId, e.getMessage(), pause.toSeconds());
    }
  }

  private WebSocket open(String botId) throws IOException, InterruptedException {
    Bots.ConfiguredBot bot = bots.get(botId);
    HttpResponse<String> opened = http.send(HttpRequest.newBuilder(URI.create(api.base(botId) + "/v1.0/gateway/connections/open"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(DingTalkStreamFrames.openRequest(bot.get("app-key"), bot.get("app-secret")))))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (opened.statusCode() != 200) {
      throw new IOException("connections/open answered HTTP " + opened.statusCode());
    }
    JsonNode gateway = JSON.readTree(opened.body());
    String endpoint = gateway.path("endpoint").asText("");
    if (endpoint.isEmpty() || gateway.path("ticket").asText("").isEmpty()) {
      throw new IOException("connections/open gave no endpoint or ticket");
    }
    URI uri = URI.create(endpoint + (endpoint.contains("?") ? "&" : "?") + "ticket=" + URLEncoder.encode(gateway.path("ticket").asText(), StandardCharsets.UTF_8));
    try {
      return http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, new Frames(botId)).get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IOException("WebSocket " + endpoint + ": " + e.getMessage(), e);
    }
  }

  /** Handles one frame; @return the acknowledgement to send, or empty to leave it unacknowledged (redelivered). */
  Optional<String> handle(String botId, WebSocket socket, String text) {
    JsonNode frame = DingTalkStreamFrames.parse(text);
    String type = DingTalkStreamFrames.type(frame);
    String topic = DingTalkStreamFrames.topic(frame);
    if ("SYSTEM".equals(type)) {
      if ("disconnect".equals(topic)) {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "disconnect requested");
        connections.computeIfPresent(botId, (id, connection) -> connection.socket() == socket ? null : connection);
        return Optional.empty();
      }
      return Optional.of(DingTalkStreamFrames.ack(frame, 200, "OK", frame.path("data").asText("")));
    }
    if ("CALLBACK".equals(type) && DingTalkStreamFrames.ROBOT_TOPIC.equals(topic)) {
      Optional<Envelope> event = source.admit(botId, DingTalkStreamFrames.data(frame));
      event.ifPresent(publisher::publish); // confirmed: only then acknowledged
      return Optional.of(DingTalkStreamFrames.ack(frame, 200, "OK", Map.of("response", Map.of())));
    }
    return Optional.of(DingTalkStreamFrames.ack(frame, 200, "OK", Map.of("status", "SUCCESS", "message", "success")));
  }

  private final class Frames implements WebSocket.Listener {
    private final String botId;
    private final StringBuilder partial = new StringBuilder();

    Frames(String botId) {
      this.botId = botId;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          handle(botId, socket, text).ifPresent(ack -> socket.sendText(ack, true).join());
        } catch (RuntimeException e) {
          log.warn("DingTalk stream frame of bot {} not processed ({}); left unacknowledged for redelivery", botId, e.toString());
        }
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
      log.info("DingTalk stream of bot {} closed ({} {}); reconnecting", botId, status, reason);
      forget(socket);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      log.warn("DingTalk stream of bot {} failed: {}; reconnecting", botId, error.toString());
      forget(socket);
    }

    private void forget(WebSocket socket) {
      connections.computeIfPresent(botId, (id, connection) -> connection.socket() == socket ? null : connection);
    }
  }

  @Override
  public void destroy() {
    connections.values().forEach(c -> c.socket().abort());
    connections.clear();
  }
}
