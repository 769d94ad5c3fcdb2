package io.switchboard.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.agent.Agent;
import io.switchboard.agent.AgentSettings;
import io.switchboard.agent.ConversationAgents;
import io.switchboard.kernel.Turn;
import io.switchboard.kernel.UserKey;
import io.switchboard.outbound.GuardedHttpClient;
import io.switchboard.outbound.OutboundRefusedException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * The {@code coze} runner (routes/runners/coze.camel.yaml): a bot published on Coze, through the v3 chat API
 * ({@code POST /v3/chat}, streamed). Coze keeps the conversation and its history; its id, from the stream's
 * {@code conversation.chat.created}, is kept per Switchboard conversation ({@link ExternalConversations}) and sent
 * back as {@code conversation_id}. The answer is the bot's {@code answer} messages; {@code conversation.chat.failed}
 * and {@code error} events, and Coze's JSON errors ({@code code} ≠ 0), fail the turn with Coze's reason.
 */
@Component("cozeRunner")
public class CozeRunner implements Runner {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ConversationAgents agents;
  private final ExternalConversations conversations;
  private final GuardedHttpClient http;

  private final PartialReplies partials;

  public CozeRunner(ConversationAgents agents, ExternalConversations conversations, GuardedHttpClient http, PartialReplies partials) {
    this.partials = partials;
    this.agents = agents;
    this.conversations = conversations;
    this.http = http;
  }

  @Override
  public Turn answer(Turn turn) throws IOException, InterruptedException {
    Agent agent = agents.of(turn.session(), turn.agentOverride(), UserKey.of(turn.event()));
    AgentSettings.Coze coze = agent.service(AgentSettings.Coze.class);
    Optional<String> known = conversations.current(turn.session(), agent.name());
    ObjectNode request = JSON.createObjectNode();
    request.put("bot_id", coze.botId());
    request.put("user_id", UserKey.of(turn.event()));
    request.put("stream", true);
    request.put("auto_save_history", true);
    request.putArray("additional_messages").addObject()
        .put("role", "user").put("type", "question").put("content", turn.promptText()).put("content_type", "text");
    String base = coze.baseUrl().endsWith("/") ? coze.baseUrl().substring(0, coze.baseUrl().length() - 1) : coze.baseUrl();
    String url = base + "/v3/chat" + known.map(id -> "?conversation_id=" + URLEncoder.encode(id, StandardCharsets.UTF_8)).orElse("");
    PartialReplies.Stream stream = partials.open(turn);
    try {
      GuardedHttpClient.Response response;
      try {
        response = http.send("POST", url, Map.of("Content-Type", "application/json", "Authorization", "Bearer " + coze.apiKey(),
            "Accept", "text/event-stream"), JSON.writeValueAsString(request), agent.timeout(), stream.watched() ? CozeEvents.pieces(stream) : null);
      } catch (OutboundRefusedException e) {
        throw new IOException("the Coze bot of agent " + agent.name() + " is not reachable: " + e.getMessage(), e);
      }
      Answer answer = CozeEvents.answer(response.status(), new String(response.body(), StandardCharsets.UTF_8), agent.name());
      if (answer.conversationId() != null && !answer.conversationId().equals(known.orElse(null))) {
        conversations.remember(turn.session().id(), agent.name(), answer.conversationId());
      }
      turn.reply(answer.text(), agent.name(), answer.promptTokens(), answer.completionTokens());
    } finally {
      stream.close();
    }
    return turn;
  }

  /** What the bot answered, the conversation it is in, what it cost. */
  record Answer(String text, String conversationId, Integer promptTokens, Integer completionTokens) {}

  /** Reading Coze's chat stream. */
  static final class CozeEvents {

    private CozeEvents() {}

    /** The stream's lines read as they come, the answer's deltas handed to {@code pieces}. */
    static Consumer<String> pieces(Consumer<String> pieces) {
      ServerSentEvents.Reader reader = new ServerSentEvents.Reader(event -> {
        JsonNode data = ServerSentEvents.json(event);
        if (event.name().equals("conversation.message.delta") && "answer".equals(data.path("type").asText())
            && "assistant".equals(data.path("role").asText("assistant"))) {
          pieces.accept(data.path("content").asText(""));
        }
      });
      return reader::line;
    }

    static Answer answer(int status, String body, String agent) throws IOException {
      if (status / 100 != 2 || body.strip().startsWith("{")) {
        // Coze answers errors as JSON, often with HTTP 200: {"code": 4100, "msg": "..."}
        String reason = "HTTP " + status;
        try {
          JsonNode error = JSON.readTree(body);
          reason = "code " + error.path("code").asText("?") + ": " + error.path("msg").asText("");
        } catch (IOException notJson) {
          // the status says enough
        }
        throw new IOException("the Coze bot of agent " + agent + " answered " + reason);
      }
      List<String> completed = new ArrayList<>();
      StringBuilder streamed = new StringBuilder();
      String conversationId = null;
      Integer promptTokens = null;
      Integer completionTokens = null;
      boolean done = false;
      for (ServerSentEvents.Event event : ServerSentEvents.parse(body)) {
        if (event.name().equals("done")) {
          done = true;
          break;
        }
        JsonNode data = json(event, agent);
        if (data.path("conversation_id").isTextual()) {
          conversationId = data.path("conversation_id").asText();
        }
        boolean answerMessage = "answer".equals(data.path("type").asText()) && "assistant".equals(data.path("role").asText("assistant"));
        switch (event.name()) {
          case "conversation.message.delta" -> {
            if (answerMessage) {
              streamed.append(data.path("content").asText(""));
            }
          }
          case "conversation.message.completed" -> {
            if (answerMessage) {
              completed.add(data.path("content").asText(""));
            }
          }
          case "conversation.chat.completed" -> {
            JsonNode usage = data.path("usage");
            promptTokens = usage.path("input_count").isInt() ? usage.path("input_count").asInt() : null;
            completionTokens = usage.path("output_count").isInt() ? usage.path("output_count").asInt() : null;
          }
          case "conversation.chat.failed" -> throw new IOException("the Coze bot of agent " + agent + " failed: "
              + data.path("last_error").path("code").asText("?") + ": " + data.path("last_error").path("msg").asText(""));
          case "conversation.chat.requires_action" -> throw new IOException("the Coze bot of agent " + agent
              + " asks for the output of a local plugin, which Switchboard does not run for Coze");
          case "error" -> throw new IOException("the Coze bot of agent " + agent + " failed: " + data.path("code").asText("?") + ": "
              + data.path("msg").asText(""));
          default -> { } // chat created and in progress, follow-up suggestions, verbose packets, audio
        }
      }
      if (!done) {
        throw new IOException("the Coze bot of agent " + agent + " ended its answer without done");
      }
      // each completed answer carries its deltas joined; several answers (a workflow's message nodes) are paragraphs
      String text = completed.isEmpty() ? streamed.toString() : String.join("\n\n", completed);
      return new Answer(text, conversationId, promptTokens, completionTokens);
    }

    private static JsonNode json(ServerSentEvents.Event event, String agent) throws IOException {
      try {
        JsonNode data = JSON.readTree(event.data());
        return data == null || !data.isObject() ? JSON.createObjectNode() : data;
      } catch (IOException e) {
        throw new IOException("the Coze bot of agent " + agent + " streamed an event that is not JSON: " + event.name(), e);
      }
    }
  }
}
