package io.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback fake of the Telegram Bot API ({@code /bot<token>/<method>}), for several bots at once, each known by its
 * token. getUpdates serves queued updates after the offset (long polls return at once when empty, after a short
 * wait); sendMessage records what was sent and answers by markers: {@code [[429]]} answers 429 with retry_after 1 to
 * the first attempt, {@code [[blocked]]} answers 403 "Forbidden: bot was blocked by the user" while blocking is on,
 * and an inline keyboard whose callback_data is not 1 to 64 bytes is a 400, as Telegram answers it. Button presses
 * are queued as callback_query updates ({@link #userPresses}). Documents users send are served by getFile and
 * {@code /file/bot<token>/<path>} ({@link #userSendsDocument}); sendDocument and sendPhoto with a file are taken as
 * multipart/form-data, as the Bot API takes uploads, and recorded ({@link #uploads}).
 */
public final class FakeTelegram extends LoopbackServer {

  /** One Bot API call as received. */
  public record Call(String token, String method, JsonNode body) {}

  /** A file uploaded with a call: the call's fields, the file's field, name and bytes. */
  public record Upload(String token, String method, Map<String, String> fields, String field, String filename, byte[] content) {}

  private final ObjectMapper json = new ObjectMapper();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, List<JsonNode>> updates = new ConcurrentHashMap<>();
  private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
  private final AtomicLong updateIds = new AtomicLong(1000);
  private final AtomicLong messageIds = new AtomicLong(1);
  private volatile boolean blocking = true;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  /** The bot's messages as the chats show them: {@code <chat>:<message id>} → their text now. */
  private final Map<String, String> messages = new ConcurrentHashMap<>();
  private final List<Upload> uploads = new CopyOnWriteArrayList<>();

  public FakeTelegram() throws IOException {
    server.createContext("/", this::handle);
    server.start();
  }

  public String url() {
    return base();
  }

  public void blocking(boolean blocking) {
    this.blocking = blocking;
  }

  /** Queues a text message from a user, as getUpdates will return it; answers the update. */
  public ObjectNode userWrites(String token, long chatId, String chatType, String text) {
    ObjectNode update = update(chatId, chatType, text);
    updates.computeIfAbsent(token, t -> new CopyOnWriteArrayList<>()).add(update);
    return update;
  }

  /** Queues a document a user sends, with a caption; its bytes are what getFile's download answers. */
  public ObjectNode userSendsDocument(String token, long chatId, String chatType, String caption, String fileId, String fileName, byte[] content) {
    files.put(fileId, content);
    ObjectNode update = update(chatId, chatType, caption);
    ObjectNode message = (ObjectNode) update.path("message");
    message.remove("text");
    message.put("caption", caption);
    message.putObject("document").put("file_id", fileId).put("file_unique_id", "u-" + fileId).put("file_name", fileName)
        .put("mime_type", "text/csv").put("file_size", content.length);
    updates.computeIfAbsent(token, t -> new CopyOnWriteArrayList<>()).add(update);
    return update;
  }

  public List<Upload> uploads() {
    return List.copyOf(uploads);
  }

  /** An update, not queued: to POST it to a webhook. */
  public ObjectNode update(long chatId, String chatType, String text) {
    ObjectNode update = json.createObjectNode();
    update.put("update_id", updateIds.incrementAndGet());
    ObjectNode message = update.putObject("message");
    message.put("message_id", messageIds.incrementAndGet());
    message.put("date", System.currentTimeMillis() / 1000);
    message.putObject("chat").put("id", chatId).put("type", chatType);
    message.putObject("from").put("id", 42).put("first_name", "Ann").put("language_code", "en");
    message.put("text", text);
    int at = text.indexOf("@switchboard_test_bot");
    if (at >= 0) {
      ArrayNode entities = message.putArray("entities");
      entities.addObject().put("type", "mention").put("offset", at).put("length", "@switchboard_test_bot".length());
    }
    return update;
  }

  /** Queues the service message of users added to a group by user 42 ({@code new_chat_members}): id → first name. */
  public void membersJoin(String token, long chatId, Map<Long, String> members) {
    ObjectNode update = json.createObjectNode();
    update.put("update_id", updateIds.incrementAndGet());
    ObjectNode message = update.putObject("message");
    message.put("message_id", messageIds.incrementAndGet()).put("date", System.currentTimeMillis() / 1000);
    message.putObject("chat").put("id", chatId).put("type", "supergroup").put("title", "Team");
    message.putObject("from").put("id", 42).put("first_name", "Ann");
    ArrayNode added = message.putArray("new_chat_members");
    members.forEach((id, name) -> added.addObject().put("id", id).put("is_bot", id == 777).put("first_name", name));
    updates.computeIfAbsent(token, t -> new CopyOnWriteArrayList<>()).add(update);
  }

  /**
   * Queues a press of an inline keyboard button under one of the bot's messages, by the user {@code fromId}, as a
   * {@code callback_query} update; returns the query's id.
   */
  public String userPresses(String token, long chatId, String chatType, long fromId, String data) {
    ObjectNode update = json.createObjectNode();
    update.put("update_id", updateIds.incrementAndGet());
    String id = "cbq-" + updateIds.get();
    ObjectNode query = update.putObject("callback_query");
    query.put("id", id).put("chat_instance", "ci-" + chatId).put("data", data);
    query.putObject("from").put("id", fromId).put("first_name", "User" + fromId).put("language_code", "en");
    ObjectNode message = query.putObject("message");
    message.put("message_id", messageIds.incrementAndGet()).put("date", System.currentTimeMillis() / 1000);
    message.putObject("chat").put("id", chatId).put("type", chatType);
    message.putObject("from").put("id", 777).put("is_bot", true);
    updates.computeIfAbsent(token, t -> new CopyOnWriteArrayList<>()).add(update);
    return id;
  }

  public List<Call> calls(String method) {
    return calls.stream().filter(c -> c.method().equals(method)).toList();
  }

  /** sendMessage and editMessageText calls whose text contains the marker, delivered (answered ok) or not. */
  public List<Call> sentTo(String token, String marker) {
    return calls.stream()
        .filter(c -> c.token().equals(token) && (c.method().equals("sendMessage") || c.method().equals("editMessageText"))
            && c.body().path("text").asText().contains(marker))
        .toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    if (exchange.getRequestURI().getPath().startsWith("/file/")) {
      String requested = exchange.getRequestURI().getPath();
      String fileId = requested.substring(requested.lastIndexOf('/') + 1).replaceAll("\\.pdf$", "");
      byte[] sent = files.get(fileId);
      respond(exchange, 200, "application/pdf", sent != null ? sent : ("content of " + requested).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return;
    }
    String[] path = exchange.getRequestURI().getPath().split("/");
    String token = path.length > 1 && path[1].startsWith("bot") ? path[1].substring(3) : "";
    String method = path.length > 2 ? path[2] : "";
    byte[] raw = exchange.getRequestBody().readAllBytes();
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (contentType != null && contentType.startsWith("multipart/form-data")) {
      upload(exchange, token, method, contentType, raw);
      return;
    }
    JsonNode body = raw.length == 0 ? json.createObjectNode() : json.readTree(raw);
    calls.add(new Call(token, method, body));
    switch (method) {
      case "getMe" -> ok(exchange, json.createObjectNode().put("id", 777).put("is_bot", true).put("username", "switchboard_test_bot"));
      case "getUpdates" -> getUpdates(exchange, token, body);
      case "sendMessage" -> sendMessage(exchange, body);
      case "sendMessageDraft" -> sendMessageDraft(exchange, body);
      case "editMessageText" -> editMessageText(exchange, body);
      case "answerCallbackQuery" -> {
        if (body.path("callback_query_id").asText().isEmpty()) {
          error(exchange, 400, "Bad Request: QUERY_ID_INVALID", null);
        } else {
          ok(exchange, json.getNodeFactory().booleanNode(true));
        }
      }
      case "getFile" -> {
        if (body.path("file_id").asText().equals("unknown")) {
          error(exchange, 400, "Bad Request: invalid file_id", null);
        } else {
          ok(exchange, json.createObjectNode().put("file_id", body.path("file_id").asText()).put("file_path", "documents/" + body.path("file_id").asText() + ".pdf"));
        }
      }
      default -> ok(exchange, json.getNodeFactory().booleanNode(true));
    }
  }

  /** An upload as the Bot API takes it: text fields and one file, multipart/form-data (RFC 7578). */
  private void upload(HttpExchange exchange, String token, String method, String contentType, byte[] raw) throws IOException {
    String boundary = "--" + contentType.replaceAll(".*boundary=", "");
    String body = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1);
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    String field = null;
    String filename = null;
    byte[] content = null;
    for (String part : body.split(java.util.regex.Pattern.quote(boundary))) {
      int headersEnd = part.indexOf("\r\n\r\n");
      if (headersEnd < 0) {
        continue;
      }
      String headers = part.substring(0, headersEnd);
      String value = part.substring(headersEnd + 4, part.length() - 2); // without the CRLF before the next boundary
      String name = headers.replaceAll("(?s).*?; name=\"([^\"]*)\".*", "$1");
      if (headers.contains("filename=\"")) {
        field = name;
        filename = headers.replaceAll("(?s).*filename=\"([^\"]*)\".*", "$1");
        content = value.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      } else {
        fields.put(name, new String(value.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    ObjectNode asJson = json.createObjectNode();
    fields.forEach(asJson::put);
    calls.add(new Call(token, method, asJson));
    if (content == null || fields.get("chat_id") == null) {
      error(exchange, 400, "Bad Request: there is no file in the request", null);
      return;
    }
    uploads.add(new Upload(token, method, Map.copyOf(fields), field, filename, content));
    ok(exchange, json.createObjectNode().put("message_id", messageIds.incrementAndGet()));
  }

  private void getUpdates(HttpExchange exchange, String token, JsonNode body) throws IOException {
    long offset = body.path("offset").asLong();
    // as the Bot API: an update of a type outside allowed_updates is not delivered (my_chat_member must be asked for)
    java.util.Set<String> allowed = new java.util.HashSet<>();
    body.path("allowed_updates").forEach(type -> allowed.add(type.asText()));
    ArrayNode result = json.createArrayNode();
    for (JsonNode update : updates.getOrDefault(token, List.of())) {
      boolean wanted = allowed.isEmpty() || allowed.stream().anyMatch(update::has);
      if (update.path("update_id").asLong() >= offset && wanted) {
        result.add(update);
      }
    }
    if (result.isEmpty()) {
      try {
        Thread.sleep(200); // a short long poll: keeps the poller from spinning without slowing tests down
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    ok(exchange, result);
  }

  /**
   * As the Bot API: a draft goes to a private chat (here: a positive chat id; groups' are negative), needs a non-zero
   * draft_id and 1-4096 characters, and answers true. A text with {@code [[draft429]]} is refused once with 429.
   */
  private void sendMessageDraft(HttpExchange exchange, JsonNode body) throws IOException {
    String text = body.path("text").asText();
    if (body.path("chat_id").asLong() <= 0) {
      error(exchange, 400, "Bad Request: drafts can be sent only to private chats", null);
    } else if (body.path("draft_id").asLong() == 0 || text.isEmpty() || text.length() > 4096) {
      error(exchange, 400, "Bad Request: invalid draft", null);
    } else if (text.contains("[[draft429]]") && attempts.merge("draft:" + body.path("draft_id").asText(), 1, Integer::sum) == 1) {
      error(exchange, 429, "Too Many Requests: retry after 2", 2);
    } else {
      ok(exchange, json.getNodeFactory().booleanNode(true));
    }
  }

  /** As the Bot API: the message must exist in the chat; the same text again is "message is not modified". */
  private void editMessageText(HttpExchange exchange, JsonNode body) throws IOException {
    String key = body.path("chat_id").asText() + ":" + body.path("message_id").asText();
    String before = messages.get(key);
    if (before == null) {
      error(exchange, 400, "Bad Request: message to edit not found", null);
    } else if (before.equals(body.path("text").asText())) {
      error(exchange, 400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same", null);
    } else {
      messages.put(key, body.path("text").asText());
      ok(exchange, json.getNodeFactory().booleanNode(true));
    }
  }

  /** The texts of the messages the bot has in a chat now (sent, then edited), oldest first. */
  public List<String> messagesIn(long chatId) {
    return messages.entrySet().stream().filter(m -> m.getKey().startsWith(chatId + ":"))
        .sorted(java.util.Comparator.comparingLong(m -> Long.parseLong(m.getKey().substring(m.getKey().indexOf(':') + 1))))
        .map(Map.Entry::getValue).toList();
  }

  /** sendMessageDraft calls to a chat, in order. */
  public List<Call> drafts(String token, long chatId) {
    return calls.stream().filter(c -> c.token().equals(token) && c.method().equals("sendMessageDraft") && c.body().path("chat_id").asLong() == chatId)
        .toList();
  }

  private void sendMessage(HttpExchange exchange, JsonNode body) throws IOException {
    String text = body.path("text").asText();
    int attempt = attempts.merge(text, 1, Integer::sum);
    if (!buttonsValid(body.path("reply_markup"))) {
      error(exchange, 400, "Bad Request: BUTTON_DATA_INVALID", null);
    } else if (text.contains("[[429]]") && attempt == 1) {
      error(exchange, 429, "Too Many Requests: retry after 1", 1);
    } else if (text.contains("[[blocked]]") && blocking) {
      error(exchange, 403, "Forbidden: bot was blocked by the user", null);
    } else {
      long id = messageIds.incrementAndGet();
      messages.put(body.path("chat_id").asText() + ":" + id, text);
      ok(exchange, json.createObjectNode().put("message_id", id));
    }
  }

  /** Telegram's rule for inline keyboards: each button has a text and callback_data of 1 to 64 bytes. */
  private static boolean buttonsValid(JsonNode markup) {
    for (JsonNode row : markup.path("inline_keyboard")) {
      for (JsonNode button : row) {
        int bytes = button.path("callback_data").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (button.path("text").asText().isEmpty() || bytes < 1 || bytes > 64) {
          return false;
        }
      }
    }
    return true;
  }

  private void ok(HttpExchange exchange, JsonNode result) throws IOException {
    ObjectNode answer = json.createObjectNode().put("ok", true);
    answer.set("result", result);
    respond(exchange, 200, answer);
  }

  private void error(HttpExchange exchange, int code, String description, Integer retryAfter) throws IOException {
    ObjectNode answer = json.createObjectNode().put("ok", false).put("error_code", code).put("description", description);
    if (retryAfter != null) {
      answer.putObject("parameters").put("retry_after", retryAfter);
    }
    respond(exchange, code, answer);
  }

  private void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
    respond(exchange, status, "application/json", json.writeValueAsBytes(body));
  }

}
