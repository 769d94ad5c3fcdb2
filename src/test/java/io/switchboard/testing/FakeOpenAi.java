package io.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback fake of the OpenAI chat completions API ({@code POST /v1/chat/completions}), as langchain4j's OpenAI client
 * calls it. It answers {@code "echo: <last user message>"} with token usage, and obeys markers in the last user
 * message: {@code [[delay=MS]]} answers after MS milliseconds, {@code [[slow-after=N:MS]]} does so only once N rounds
 * of a tool script were asked for, {@code [[fail]]} answers HTTP 500 while failing is on.
 *
 * <p>Tools, as OpenAI's tool calling: {@code [[tools=R1|R2|…]]} scripts the rounds of a chain, each round one answer
 * asking for the calls {@code name{json}} joined by {@code +} (two calls in one answer: {@code a{}+b{}}). The fake
 * counts the rounds already asked for in the request (assistant messages with {@code tool_calls} after the last user
 * message); once the script is done it answers {@code "tools said: <r1> / <r2> …"} with every tool result it was sent.
 * {@code [[tools=…]]} repeats a round without end when it ends with {@code |*} (for the step and depth caps). A tool
 * offered under a name OpenAI does not accept ({@code ^[a-zA-Z0-9_-]{1,64}$}) gets the API's 400.
 * {@code [[ask=NAME]]} is an agent that hands the whole message on: one round asking {@code ask_agent} to put it to the
 * agent NAME (to itself, it recurses until the depth cap stops it), then the tools-said answer.
 *
 * <p>A request with {@code "stream": true} gets the same answer as OpenAI streams it (server-sent
 * {@code chat.completion.chunk}s, a word each; {@code [[token-delay=MS]]} paces them).
 */
public final class FakeOpenAi extends LoopbackServer {

  /** One request as the fake received it: the messages as role/content pairs, the model, the Authorization header. */
  public record Request(List<Map<String, String>> messages, String model, String authorization, List<String> tools, Double temperature,
      boolean stream) {
    public String lastUserText() {
      for (int i = messages.size() - 1; i >= 0; i--) {
        if ("user".equals(messages.get(i).get("role"))) {
          return messages.get(i).get("content");
        }
      }
      return "";
    }

    public List<String> contents() {
      return messages.stream().map(m -> m.get("content")).toList();
    }
  }

  private static final Pattern DELAY = Pattern.compile("\\[\\[delay=(\\d+)]]");
  private static final Pattern SLOW_AFTER = Pattern.compile("\\[\\[slow-after=(\\d+):(\\d+)]]");
  // to the last "]]": a question in a call may carry markers of its own
  private static final Pattern TOOLS = Pattern.compile("\\[\\[tools=(.+)]]");
  private static final Pattern TOKEN_DELAY = Pattern.compile("\\[\\[token-delay=(\\d+)]]");
  private static final Pattern ASK = Pattern.compile("\\[\\[ask=([A-Za-z0-9_-]+)]]");
  /** What OpenAI accepts as a function name; anything else is a 400, as the real API answers it. */
  private static final Pattern FUNCTION_NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");
  private final ObjectMapper json = new ObjectMapper();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Long> firstTokens = new java.util.concurrent.ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peakInFlight = new AtomicInteger();
  private volatile boolean failing = true;

  public FakeOpenAi() throws IOException {
    server.createContext("/v1/chat/completions", this::complete);
    server.start();
  }

  public String baseUrl() {
    return base() + "/v1";
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** When (System.nanoTime) the fake wrote the first piece of its streamed answer to the request whose last user text is {@code text}. */
  public Long firstTokenAt(String text) {
    return firstTokens.get(text);
  }

  /** Requests whose last user message contains {@code marker}. */
  public List<Request> requestsFor(String marker) {
    return requests.stream().filter(r -> r.lastUserText().contains(marker)).toList();
  }

  public int peakInFlight() {
    return peakInFlight.get();
  }

  public void resetPeak() {
    peakInFlight.set(inFlight.get());
  }

  /** Requests for these models are answered 429, as OpenAI answers past a rate limit. */
  private final java.util.Set<String> overloaded = java.util.concurrent.ConcurrentHashMap.newKeySet();

  public void overloaded(String model, boolean on) {
    if (on) {
      overloaded.add(model);
    } else {
      overloaded.remove(model);
    }
  }

  /** Whether {@code [[fail]]} messages get HTTP 500 (on by default). */
  public void failing(boolean failing) {
    this.failing = failing;
  }

  private void complete(HttpExchange exchange) throws IOException {
    int now = inFlight.incrementAndGet();
    peakInFlight.accumulateAndGet(now, Math::max);
    try {
      JsonNode body = json.readTree(exchange.getRequestBody());
      List<Map<String, String>> messages = new ArrayList<>();
      body.path("messages").forEach(m -> messages.add(Map.of("role", m.path("role").asText(), "content", m.path("content").asText(""),
          "toolCalls", String.valueOf(m.path("tool_calls").size()))));
      List<String> tools = new ArrayList<>();
      body.path("tools").forEach(t -> tools.add(t.path("function").path("name").asText()));
      Request request = new Request(messages, body.path("model").asText(null), exchange.getRequestHeaders().getFirst("Authorization"), tools,
          body.has("temperature") ? body.path("temperature").asDouble() : null, body.path("stream").asBoolean(false));
      requests.add(request);
      for (String tool : tools) {
        if (!FUNCTION_NAME.matcher(tool).matches()) {
          respond(exchange, 400, "{\"error\":{\"message\":\"Invalid 'tools[].function.name': string does not match pattern. Expected a string that"
              + " matches the pattern '^[a-zA-Z0-9_-]+$'.\",\"type\":\"invalid_request_error\",\"param\":\"tools\",\"code\":\"invalid_value\"}}");
          return;
        }
      }
      String text = request.lastUserText();
      Matcher delay = DELAY.matcher(text);
      if (delay.find()) {
        Thread.sleep(Long.parseLong(delay.group(1)));
      }
      Matcher slowAfter = SLOW_AFTER.matcher(text);
      if (slowAfter.find() && askedRounds(messages) >= Integer.parseInt(slowAfter.group(1))) {
        Thread.sleep(Long.parseLong(slowAfter.group(2)));
      }
      if (request.model() != null && overloaded.contains(request.model())) {
        respond(exchange, 429, "{\"error\":{\"message\":\"Rate limit reached for " + request.model() + "\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}");
        return;
      }
      if (text.contains("[[fail]]") && failing) {
        respond(exchange, 500, "{\"error\":{\"message\":\"fake model failure\",\"type\":\"server_error\"}}");
        return;
      }
      int promptTokens = 10 * messages.size();
      Map<String, Object> message = Map.of("role", "assistant", "content", "echo: " + text);
      String finish = "stop";
      Matcher script = TOOLS.matcher(text);
      Matcher ask = ASK.matcher(text);
      boolean handsOn = ask.find();
      if (handsOn && askedRounds(messages) == 0) {
        String arguments = json.writeValueAsString(Map.of("agent", ask.group(1), "question", text));
        message = Map.of("role", "assistant", "tool_calls",
            List.of(Map.of("id", "call_ask", "type", "function", "function", Map.of("name", "ask_agent", "arguments", arguments))));
        finish = "tool_calls";
      } else if (handsOn) {
        message = toolsSaid(messages);
      } else if (script.find()) {
        List<String> rounds = List.of(script.group(1).split("\\|"));
        int asked = askedRounds(messages);
        boolean endless = rounds.get(rounds.size() - 1).equals("*");
        List<String> scripted = endless ? rounds.subList(0, rounds.size() - 1) : rounds;
        if (asked < scripted.size() || endless) {
          String round = scripted.get(Math.min(asked, scripted.size() - 1));
          message = Map.of("role", "assistant", "tool_calls", toolCalls(round, asked));
          finish = "tool_calls";
        } else {
          message = toolsSaid(messages);
        }
      }
      String model = request.model() == null ? "fake-model" : request.model();
      if (body.path("stream").asBoolean(false)) {
        stream(exchange, model, message, finish, promptTokens, text);
        return;
      }
      String reply =
          json.writeValueAsString(
              Map.of(
                  "id", "chatcmpl-" + requests.size(),
                  "object", "chat.completion",
                  "created", 1,
                  "model", request.model() == null ? "fake-model" : request.model(), // as OpenAI: the model that answered
                  "choices", List.of(Map.of("index", 0, "message", message, "finish_reason", finish)),
                  "usage", Map.of("prompt_tokens", promptTokens, "completion_tokens", 7, "total_tokens", promptTokens + 7)));
      respond(exchange, 200, reply);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      respond(exchange, 503, "{}");
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /**
   * The same answer as OpenAI streams it: {@code chat.completion.chunk} events, the content a word at a time (after
   * {@code [[token-delay=MS]]} milliseconds each) or the tool calls, then the finish reason, the usage (the client
   * asks for it with {@code stream_options.include_usage}) and {@code [DONE]}.
   */
  @SuppressWarnings("unchecked")
  private void stream(HttpExchange exchange, String model, Map<String, Object> message, String finish, int promptTokens, String text)
      throws IOException, InterruptedException {
    Matcher delay = TOKEN_DELAY.matcher(text);
    long pause = delay.find() ? Long.parseLong(delay.group(1)) : 0;
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    try (var out = exchange.getResponseBody()) {
      List<Map<String, Object>> deltas = new ArrayList<>();
      if (message.containsKey("tool_calls")) {
        List<Map<String, Object>> calls = (List<Map<String, Object>>) message.get("tool_calls");
        for (int i = 0; i < calls.size(); i++) {
          Map<String, Object> call = new java.util.HashMap<>(calls.get(i));
          call.put("index", i);
          deltas.add(Map.of("tool_calls", List.of(call)));
        }
      } else {
        for (String word : String.valueOf(message.get("content")).split("(?<= )")) {
          deltas.add(Map.of("content", word));
        }
      }
      for (Map<String, Object> delta : deltas) {
        chunk(out, model, List.of(Map.of("index", 0, "delta", delta)), null);
        firstTokens.putIfAbsent(text, System.nanoTime());
        if (pause > 0) {
          Thread.sleep(pause);
        }
      }
      chunk(out, model, List.of(Map.of("index", 0, "delta", Map.of(), "finish_reason", finish)), null);
      chunk(out, model, List.of(), Map.of("prompt_tokens", promptTokens, "completion_tokens", 7, "total_tokens", promptTokens + 7));
      out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
    }
  }

  private void chunk(java.io.OutputStream out, String model, List<Map<String, Object>> choices, Map<String, Object> usage) throws IOException {
    Map<String, Object> chunk = new java.util.LinkedHashMap<>(Map.of("id", "chatcmpl-" + requests.size(), "object", "chat.completion.chunk",
        "created", 1, "model", model, "choices", choices));
    if (usage != null) {
      chunk.put("usage", usage);
    }
    out.write(("data: " + json.writeValueAsString(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** The answer once a chain's tools have answered: every result it was sent. */
  private static Map<String, Object> toolsSaid(List<Map<String, String>> messages) {
    List<String> results = messages.stream().filter(m -> "tool".equals(m.get("role"))).map(m -> m.get("content")).toList();
    return Map.of("role", "assistant", "content", "tools said: " + String.join(" / ", results));
  }

  /** Answers with tool calls after the last user message: how many rounds of the script were asked for already. */
  private static int askedRounds(List<Map<String, String>> messages) {
    int asked = 0;
    for (int i = messages.size() - 1; i >= 0 && !"user".equals(messages.get(i).get("role")); i--) {
      if ("assistant".equals(messages.get(i).get("role")) && !"0".equals(messages.get(i).get("toolCalls"))) {
        asked++;
      }
    }
    return asked;
  }

  /** {@code a{"x":1}+b{}} as OpenAI tool calls, with ids unique in the chain. */
  private static List<Map<String, Object>> toolCalls(String round, int roundIndex) {
    List<Map<String, Object>> calls = new ArrayList<>();
    String[] specs = round.split("\\+");
    for (int i = 0; i < specs.length; i++) {
      String spec = specs[i].strip();
      int brace = spec.indexOf('{');
      String name = brace < 0 ? spec : spec.substring(0, brace);
      String arguments = brace < 0 ? "{}" : spec.substring(brace);
      calls.add(Map.of("id", "call_" + roundIndex + "_" + i, "type", "function", "function", Map.of("name", name, "arguments", arguments)));
    }
    return calls;
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    respond(exchange, status, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

}
