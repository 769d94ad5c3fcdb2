package io.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A loopback fake of WeCom's server API: {@code gettoken} issues numbered tokens; {@code message/send} checks the token
 * (errcode 42001 "access_token expired" for one {@link #expireTokens()} invalidated) and records the message. Content
 * containing {@code [[busy]]} gets errcode -1 (system busy) every time.
 */
public final class FakeWeCom extends LoopbackServer {

  /** One message/send call, with the errcode it was answered. */
  public record Send(JsonNode body, int errcode) {}

  private final ObjectMapper json = new ObjectMapper();
  private final List<Send> sends = new CopyOnWriteArrayList<>();
  private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
  private final AtomicInteger issued = new AtomicInteger();

  private final List<String> uploads = new CopyOnWriteArrayList<>();

  /** The app the tests configure: CorpID, Token and EncodingAESKey (the AES key of WeCom's official sample). */
  public static final String CORP = "ww1234567890abcdef";
  public static final String TOKEN = "QDG6eK";
  public static final String AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";

  /** Configures {@code switchboard.bots[index]} as a WeCom bot of that app, sending to this fake. */
  public void registerBot(DynamicPropertyRegistry registry, int index, String botId) {
    String bot = "switchboard.bots[" + index + "].";
    registry.add(bot + "id", () -> botId);
    registry.add(bot + "adapter", () -> "wecom");
    registry.add(bot + "config.corp-id", () -> CORP);
    registry.add(bot + "config.corp-secret", () -> "corp-secret");
    registry.add(bot + "config.agent-id", () -> "1000002");
    registry.add(bot + "config.token", () -> TOKEN);
    registry.add(bot + "config.aes-key", () -> AES_KEY);
    registry.add(bot + "config.api-base-url", this::url);
    registry.add(bot + "config.max-per-chat-per-second", () -> "50");
  }

  public FakeWeCom() throws IOException {
    server.createContext("/cgi-bin/", this::handle);
    server.createContext("/media-source/", exchange -> respond(exchange, 200, "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3}));
    server.start();
  }

  /** A URL this fake serves a small PNG at, as an image part of a reply would point to. */
  public String mediaUrl(String name) {
    return base() + "/media-source/" + name;
  }

  /** The multipart bodies received by media/upload, as text (headers and all). */
  public List<String> uploads() {
    return List.copyOf(uploads);
  }

  /** All message/send calls. */
  public List<Send> sends() {
    return List.copyOf(sends);
  }

  public String url() {
    return base();
  }

  public void expireTokens() {
    validTokens.clear();
  }

  public int tokensIssued() {
    return issued.get();
  }

  /** Text or markdown sends whose content contains the marker. */
  public List<Send> sent(String marker) {
    return sends.stream()
        .filter(s -> s.body().path("text").path("content").asText().contains(marker) || s.body().path("markdown").path("content").asText().contains(marker))
        .toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String query = exchange.getRequestURI().getQuery() == null ? "" : exchange.getRequestURI().getQuery();
    if (path.equals("/cgi-bin/gettoken")) {
      String token = "wt-" + issued.incrementAndGet();
      validTokens.add(token);
      respond(exchange, Map.of("errcode", 0, "errmsg", "ok", "access_token", token, "expires_in", 7200));
      return;
    }
    byte[] raw = exchange.getRequestBody().readAllBytes();
    String token = query.replaceAll(".*access_token=([^&]*).*", "$1");
    if (path.equals("/cgi-bin/media/upload")) {
      if (!validTokens.contains(token)) {
        respond(exchange, Map.of("errcode", 42001, "errmsg", "access_token expired"));
        return;
      }
      uploads.add(query + "\n" + new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1));
      respond(exchange, Map.of("errcode", 0, "errmsg", "ok", "type", "image", "media_id", "media-" + uploads.size()));
      return;
    }
    JsonNode body = json.readTree(raw);
    int errcode;
    if (!validTokens.contains(token)) {
      errcode = 42001;
    } else if (body.toString().contains("[[busy]]")) {
      errcode = -1;
    } else {
      errcode = 0;
    }
    sends.add(new Send(body, errcode));
    respond(exchange, Map.of("errcode", errcode, "errmsg", errcode == 0 ? "ok" : errcode == -1 ? "system busy" : "access_token expired"));
  }

  private void respond(HttpExchange exchange, Map<String, Object> body) throws IOException {
    respond(exchange, 200, "application/json", json.writeValueAsBytes(body));
  }
}
