package io.switchboard.bot;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * One WebSocket per bot, for platforms that push events over a connection the app opens (DingTalk Stream mode, Slack
 * Socket Mode): a source route calls {@link #ensureConnected} every second; a connection that dropped, or that the
 * platform asked to renew, is reopened, pausing longer after each failed attempt (up to a minute). Each text frame
 * goes to {@link #handle}; its answer (the platform's acknowledgement) is sent back, and a frame that fails is left
 * unacknowledged so the platform delivers it again.
 */
public abstract class BotSockets implements DisposableBean {

  private final Logger log = LoggerFactory.getLogger(getClass());
  protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Map<String, WebSocket> connections = new ConcurrentHashMap<>();
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();
  private final Map<String, Instant> nextAttempt = new ConcurrentHashMap<>();
  private final Clock clock = Clock.systemUTC();

  /** Asks the platform for a WebSocket URL for the bot (a ticket, a one-time URL). */
  protected abstract URI endpoint(String botId) throws IOException, InterruptedException;

  /** Handles one text frame; @return the acknowledgement to send back, or empty for none. */
  protected abstract Optional<String> handle(String botId, WebSocket socket, String frame);

  /** The source route's timer: opens the bot's connection unless it is open or the pause after a failure lasts. */
  public void ensureConnected(Exchange exchange) throws InterruptedException {
    String botId = exchange.getMessage().getHeader("SwitchboardBot", String.class);
    WebSocket socket = connections.get(botId);
    if (socket != null && !socket.isInputClosed() && !socket.isOutputClosed()) {
      return;
    }
    if (clock.instant().isBefore(nextAttempt.getOrDefault(botId, Instant.MIN))) {
      return;
    }
    try {
      URI uri = endpoint(botId);
      connections.put(botId, http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, new Frames(botId)).get(30, TimeUnit.SECONDS));
      failures.remove(botId);
      log.info("Bot {}: connected", botId);
    } catch (IOException | RuntimeException | ExecutionException | TimeoutException e) {
      int failed = failures.merge(botId, 1, Integer::sum);
      Duration pause = Duration.ofSeconds(Math.min(60, 1L << Math.min(failed, 6)));
      nextAttempt.put(botId, clock.instant().plus(pause));
      log.warn("Bot {}: cannot connect ({}); retrying in {} s", botId, e.getMessage(), pause.toSeconds());
    }
  }

  /** Closes the bot's connection (the platform asked for a new one); the next check reopens it. */
  protected void renew(String botId, WebSocket socket) {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "renewing");
    forget(botId, socket);
  }

  private void forget(String botId, WebSocket socket) {
    connections.computeIfPresent(botId, (id, current) -> current == socket ? null : current);
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
          log.warn("Bot {}: frame not processed ({}); left unacknowledged for redelivery", botId, e.toString());
        }
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
      log.info("Bot {}: connection closed ({} {}); reconnecting", botId, status, reason);
      forget(botId, socket);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      log.warn("Bot {}: connection failed ({}); reconnecting", botId, error.toString());
      forget(botId, socket);
    }
  }

  @Override
  public void destroy() {
    connections.values().forEach(WebSocket::abort);
    connections.clear();
  }
}
