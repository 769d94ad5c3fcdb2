package io.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback fake of Slack's Web API ({@code /api/<method>}, bearer token): auth.test names the bot user U0BOT;
 * chat.postMessage records each post and answers by markers: {@code [[429]]} gets HTTP 429 with Retry-After 1 on the
 * first attempt, {@code [[gone]]} gets {@code ok:false, error:channel_not_found}, and the first chat.update of a message
 * with {@code [[edit429]]} gets 429 with Retry-After 2; buttons outside Block Kit's limits get
 * {@code invalid_blocks}. chat.update edits a posted message (by its ts; an unknown one is {@code message_not_found}).
 * Button presses are built by {@link #buttonPress}. Socket Mode:
 * {@code apps.connections.open} with the app-level token hands out the URL of a loopback WebSocket ({@link #socket()}).
 */
public final class FakeSlack extends LoopbackServer {

  /** One Web API call: the bearer token, the JSON body, and when it came (System.nanoTime). */
  public record Call(String method, String authorization, JsonNode body, long at) {
    Call(String method, String authorization, JsonNode body) {
      this(method, authorization, body, System.nanoTime());
    }
  }

  private final ObjectMapper json = new ObjectMapper();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> postedByTs = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicInteger posts = new java.util.concurrent.atomic.AtomicInteger(200);
  private final LoopbackWebSocket socket;
  private final java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();

  public FakeSlack() throws IOException {
    socket = companion(new LoopbackWebSocket());
    server.createContext("/api/", this::handle);
    server.start();
  }

  public String apiUrl() {
    return base() + "/api";
  }

  /** An Events API event callback, as Slack sends it (over HTTP, or inside a Socket Mode envelope). */
  public static String eventCallback(String type, String channel, String channelType, String ts, String text) {
    return """
        {"token":"t","team_id":"T1","api_app_id":"A1","type":"event_callback","event_id":"Ev%s","event_time":1767225600,
         "event":{"type":"%s","channel":"%s","channel_type":"%s","user":"U123","text":"%s","ts":"%s","event_ts":"%s"}}"""
        .formatted(UUID.randomUUID().toString().substring(0, 8), type, channel, channelType, text, ts, ts)
        .replace("\n", "");
  }

  public LoopbackWebSocket socket() {
    return socket;
  }

  /** Socket Mode connections opened. */
  public int socketsOpened() {
    return opened.get();
  }

  /**
   * The posts, and the edits of posts, whose text contains the marker, attempts that failed included; an edit is shown
   * as the post it changed (its channel and thread) with the new text.
   */
  public List<Call> posted(String marker) {
    return calls.stream()
        .filter(c -> c.method().equals("chat.postMessage") || c.method().equals("chat.update"))
        .map(c -> c.method().equals("chat.update") && postedByTs.containsKey(c.body().path("ts").asText())
            ? new Call(c.method(), c.authorization(), postedByTs.get(c.body().path("ts").asText()).deepCopy().setAll((ObjectNode) c.body()), c.at()) : c)
        .filter(c -> c.body().path("text").asText().contains(marker))
        .toList();
  }

  /** The calls of one method, in order. */
  public List<Call> calls(String method) {
    return calls.stream().filter(c -> c.method().equals(method)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestURI().getPath().substring("/api/".length());
    byte[] raw = exchange.getRequestBody().readAllBytes();
    JsonNode body = raw.length == 0 ? json.createObjectNode() : json.readTree(raw);
    calls.add(new Call(method, exchange.getRequestHeaders().getFirst("Authorization"), body));
    if (method.equals("apps.connections.open")) {
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (authorization == null || !authorization.startsWith("Bearer xapp-")) {
        respond(exchange, 200, Map.of("ok", false, "error", "not_allowed_token_type"));
      } else {
        respond(exchange, 200, Map.of("ok", true, "url", socket.url("/link/?ticket=t-" + opened.incrementAndGet())));
      }
      return;
    }
    if (method.equals("auth.test")) {
      respond(exchange, 200, Map.of("ok", true, "user_id", "U0BOT", "team_id", "T1"));
      return;
    }
    if (method.equals("chat.update") && !postedByTs.containsKey(body.path("ts").asText())) {
      respond(exchange, 200, Map.of("ok", false, "error", "message_not_found"));
      return;
    }
    String text = body.path("text").asText();
    int attempt = attempts.merge(text, 1, Integer::sum);
    if (method.equals("chat.update") && text.contains("[[edit429]]") && attempts.merge("edit429:" + body.path("ts").asText(), 1, Integer::sum) == 1) {
      exchange.getResponseHeaders().add("Retry-After", "2");
      respond(exchange, 429, Map.of("ok", false, "error", "ratelimited"));
    } else if (text.contains("[[429]]") && attempt == 1) {
      exchange.getResponseHeaders().add("Retry-After", "1");
      respond(exchange, 429, Map.of("ok", false, "error", "ratelimited"));
    } else if (!blocksValid(body.path("blocks"))) {
      respond(exchange, 200, Map.of("ok", false, "error", "invalid_blocks"));
    } else if (text.contains("[[gone]]")) {
      respond(exchange, 200, Map.of("ok", false, "error", "channel_not_found"));
    } else {
      String ts = method.equals("chat.update") ? body.path("ts").asText() : "1767225600." + String.format("%06d", posts.incrementAndGet());
      if (method.equals("chat.postMessage")) {
        postedByTs.put(ts, (ObjectNode) body);
      }
      respond(exchange, 200, Map.of("ok", true, "channel", body.path("channel").asText(), "ts", ts));
    }
  }

  /** Block Kit's limits for a button: text (plain_text) up to 75 characters, value up to 2000, action_id up to 255. */
  private static boolean blocksValid(JsonNode blocks) {
    for (JsonNode block : blocks) {
      for (JsonNode element : block.path("elements")) {
        if (!element.path("type").asText().equals("button")) {
          continue;
        }
        String text = element.path("text").path("text").asText();
        boolean plain = element.path("text").path("type").asText().equals("plain_text");
        if (!plain || text.isEmpty() || text.length() > 75 || element.path("value").asText().length() > 2000
            || element.path("action_id").asText().length() > 255) {
          return false;
        }
      }
    }
    return true;
  }

  /** {@link #buttonPayload} form-encoded, as the body Slack POSTs to the Interactivity Request URL ({@code payload=…}). */
  public static String buttonPress(String user, String channel, String threadTs, String value) {
    return "payload=" + java.net.URLEncoder.encode(buttonPayload(user, channel, threadTs, value), java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * A {@code block_actions} interaction payload as Slack sends it when the user {@code user} presses a button with
   * {@code value} under the bot's message in {@code channel} (in the thread {@code threadTs}, or null).
   */
  public static String buttonPayload(String user, String channel, String threadTs, String value) {
    ObjectMapper json = new ObjectMapper();
    var payload = json.createObjectNode().put("type", "block_actions").put("trigger_id", "13345224609.738474920.8088930838d88f008e0");
    payload.putObject("user").put("id", user).put("username", "u-" + user).put("team_id", "T1");
    payload.putObject("team").put("id", "T1");
    payload.putObject("channel").put("id", channel).put("name", "general");
    var container = payload.putObject("container").put("type", "message").put("message_ts", "1767225700.000100").put("channel_id", channel);
    var message = payload.putObject("message").put("type", "message").put("ts", "1767225700.000100").put("user", "U0BOT");
    if (threadTs != null) {
      container.put("thread_ts", threadTs);
      message.put("thread_ts", threadTs);
    }
    payload.putArray("actions").addObject().put("type", "button").put("action_id", "confirm-x").put("block_id", "b1").put("value", value)
        .put("action_ts", "1767225701." + Math.abs(UUID.randomUUID().hashCode() % 1000000));
    return payload.toString();
  }

  private void respond(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
    respond(exchange, status, "application/json", json.writeValueAsBytes(body));
  }
}
