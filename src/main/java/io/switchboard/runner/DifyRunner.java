package io.switchboard.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.agent.Agent;
import io.switchboard.agent.AgentSettings;
import io.switchboard.agent.ConversationAgents;
import io.switchboard.envelope.Envelope;
import io.switchboard.kernel.Turn;
import io.switchboard.kernel.UserKey;
import io.switchboard.outbound.GuardedHttpClient;
import io.switchboard.outbound.OutboundRefusedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * The {@code dify} runner (routes/runners/dify.camel.yaml): an app built on Dify, through its service API, always
 * streamed (Dify's agent apps answer only that way). Chat and agent apps get {@code POST /chat-messages}; Dify keeps
 * the conversation, whose {@code conversation_id} is kept per Switchboard conversation ({@link ExternalConversations});
 * one Dify no longer knows (404) is begun anew and the message asked once more. Workflow apps get
 * {@code POST /workflows/run} and answer with an output. Through the guarded outbound client, waiting as long as the
 * agent's timeout (600 s by default) while the user is told it is being worked on; an {@code error} event or an
 * HTTP error fails the turn with Dify's reason (retried, then dead-lettered, the user told).
 */
@Component("difyRunner")
public class DifyRunner implements Runner {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ConversationAgents agents;
  private final ExternalConversations conversations;
  private final GuardedHttpClient http;

  private final PartialReplies partials;

  public DifyRunner(ConversationAgents agents, ExternalConversations conversations, GuardedHttpClient http, PartialReplies partials) {
    this.partials = partials;
    this.agents = agents;
    this.conversations = conversations;
    this.http = http;
  }

  @Override
  public Turn answer(Turn turn) throws IOException, InterruptedException {
    Agent agent = agents.of(turn.session(), turn.agentOverride(), UserKey.of(turn.event()));
    AgentSettings.Dify dify = agent.service(AgentSettings.Dify.class);
    PartialReplies.Stream stream = partials.open(turn);
    try {
      Consumer<String> lines = stream.watched() ? DifyEvents.pieces(stream) : null;
      Answer answer = dify.appType().equals("workflow") ? workflow(turn, agent, dify, lines) : chat(turn, agent, dify, lines);
      turn.reply(answer.text(), agent.name(), answer.promptTokens(), answer.completionTokens());
      turn.replyParts(answer.files());
    } finally {
      stream.close();
    }
    return turn;
  }

  private Answer chat(Turn turn, Agent agent, AgentSettings.Dify dify, Consumer<String> lines) throws IOException, InterruptedException {
    Optional<String> known = conversations.current(turn.session(), agent.name());
    GuardedHttpClient.Response response = post(agent, dify, "/chat-messages", chatRequest(turn, dify, known.orElse("")), lines);
    if (response.status() == 404 && known.isPresent()) {
      // the app was reset or the conversation deleted there: begin a new one, once
      conversations.forget(turn.session().id(), agent.name());
      response = post(agent, dify, "/chat-messages", chatRequest(turn, dify, ""), lines);
    }
    Answer answer = DifyEvents.chatAnswer(body(agent, response), agent.name());
    if (answer.conversationId() != null && !answer.conversationId().equals(known.orElse(null))) {
      conversations.remember(turn.session().id(), agent.name(), answer.conversationId());
    }
    return answer;
  }

  private Answer workflow(Turn turn, Agent agent, AgentSettings.Dify dify, Consumer<String> lines) throws IOException, InterruptedException {
    ObjectNode request = JSON.createObjectNode();
    ObjectNode inputs = request.putObject("inputs");
    dify.inputs().forEach(inputs::put);
    inputs.put(dify.queryInput() == null || dify.queryInput().isBlank() ? "query" : dify.queryInput(), turn.promptText());
    request.put("response_mode", "streaming");
    request.put("user", UserKey.of(turn.event()));
    String outputKey = dify.outputKey() == null || dify.outputKey().isBlank() ? "answer" : dify.outputKey();
    return DifyEvents.workflowAnswer(body(agent, post(agent, dify, "/workflows/run", request, lines)), outputKey, agent.name());
  }

  private static ObjectNode chatRequest(Turn turn, AgentSettings.Dify dify, String conversationId) {
    ObjectNode request = JSON.createObjectNode();
    ObjectNode inputs = request.putObject("inputs");
    dify.inputs().forEach(inputs::put);
    request.put("query", turn.promptText());
    request.put("response_mode", "streaming");
    request.put("conversation_id", conversationId);
    request.put("user", UserKey.of(turn.event()));
    return request;
  }

  private GuardedHttpClient.Response post(Agent agent, AgentSettings.Dify dify, String path, ObjectNode request, Consumer<String> lines)
      throws IOException, InterruptedException {
    String base = dify.baseUrl().endsWith("/") ? dify.baseUrl().substring(0, dify.baseUrl().length() - 1) : dify.baseUrl();
    Map<String, String> headers = Map.of("Content-Type", "application/json", "Authorization", "Bearer " + dify.apiKey(),
        "Accept", "text/event-stream");
    try {
      return http.send("POST", base + path, headers, JSON.writeValueAsString(request), agent.timeout(), lines);
    } catch (OutboundRefusedException e) {
      throw new IOException("the Dify app of agent " + agent.name() + " is not reachable: " + e.getMessage(), e);
    }
  }

  /** The answer's body; an HTTP error with Dify's code and message ({@code {"code","message","status"}}). */
  private static String body(Agent agent, GuardedHttpClient.Response response) throws IOException {
    String body = new String(response.body(), StandardCharsets.UTF_8);
    if (response.status() / 100 != 2) {
      String reason = "";
      try {
        JsonNode error = JSON.readTree(body);
        reason = error.path("code").isTextual() ? " (" + error.path("code").asText() + ": " + error.path("message").asText("") + ")" : "";
      } catch (IOException notJson) {
        // the status says enough
      }
      throw new IOException("the Dify app of agent " + agent.name() + " answered HTTP " + response.status() + reason);
    }
    return body;
  }

  /** What an app answered: its text, the files it made, the conversation it is in, what it cost. */
  record Answer(String text, List<Envelope.Part> files, String conversationId, Integer promptTokens, Integer completionTokens) {}

  /** Reading Dify's event streams. */
  static final class DifyEvents {

    private DifyEvents() {}

    /**
     * The stream's lines read as they come, the answer's pieces ({@code message} and {@code agent_message}, a
     * workflow's {@code text_chunk}) handed to {@code pieces}; the answer itself is read from the whole stream.
     */
    static Consumer<String> pieces(Consumer<String> pieces) {
      ServerSentEvents.Reader reader = new ServerSentEvents.Reader(event -> {
        JsonNode data = ServerSentEvents.json(event);
        switch (data.path("event").asText()) {
          case "message", "agent_message" -> pieces.accept(data.path("answer").asText(""));
          case "text_chunk" -> pieces.accept(data.path("data").path("text").asText(""));
          default -> { }
        }
      });
      return reader::line;
    }

    /** A chat or agent app's stream: {@code message}/{@code agent_message} pieces up to {@code message_end}. */
    static Answer chatAnswer(String body, String agent) throws IOException {
      StringBuilder text = new StringBuilder();
      List<Envelope.Part> files = new ArrayList<>();
      String conversationId = null;
      Integer promptTokens = null;
      Integer completionTokens = null;
      boolean ended = false;
      for (JsonNode event : events(body, agent)) {
        if (event.path("conversation_id").isTextual() && !event.path("conversation_id").asText().isEmpty()) {
          conversationId = event.path("conversation_id").asText();
        }
        switch (event.path("event").asText()) {
          case "message", "agent_message" -> text.append(event.path("answer").asText(""));
          case "message_replace" -> { // moderation replaced what came so far
            text.setLength(0);
            text.append(event.path("answer").asText(""));
          }
          case "message_file" -> {
            if (event.path("url").isTextual()) {
              files.add(new Envelope.Part("image".equals(event.path("type").asText()) ? "image" : "file", null, event.path("url").asText(),
                  null, null, null));
            }
          }
          case "message_end" -> {
            JsonNode usage = event.path("metadata").path("usage");
            promptTokens = usage.path("prompt_tokens").isInt() ? usage.path("prompt_tokens").asInt() : null;
            completionTokens = usage.path("completion_tokens").isInt() ? usage.path("completion_tokens").asInt() : null;
            ended = true;
          }
          case "error" -> throw streamedError(event, agent);
          default -> { } // agent_thought, workflow and node events, tts, ping: not part of the answer
        }
      }
      if (!ended) {
        throw new IOException("the Dify app of agent " + agent + " ended its answer without message_end");
      }
      return new Answer(text.toString(), files, conversationId, promptTokens, completionTokens);
    }

    /** A workflow's stream, up to {@code workflow_finished}: its {@code output-key} output, else its only text output. */
    static Answer workflowAnswer(String body, String outputKey, String agent) throws IOException {
      for (JsonNode event : events(body, agent)) {
        String name = event.path("event").asText();
        if (name.equals("error")) {
          throw streamedError(event, agent);
        }
        if (!name.equals("workflow_finished")) {
          continue;
        }
        JsonNode data = event.path("data");
        if (!"succeeded".equals(data.path("status").asText())) {
          throw new IOException("the Dify workflow of agent " + agent + " ended " + data.path("status").asText("without a status")
              + (data.path("error").isTextual() ? ": " + data.path("error").asText() : ""));
        }
        JsonNode outputs = data.path("outputs");
        JsonNode output = outputs.path(outputKey);
        if (!output.isTextual()) {
          List<JsonNode> texts = new ArrayList<>();
          outputs.forEach(value -> {
            if (value.isTextual()) {
              texts.add(value);
            }
          });
          if (texts.size() != 1) {
            throw new IOException("the Dify workflow of agent " + agent + " has no text output \"" + outputKey + "\"");
          }
          output = texts.get(0);
        }
        Integer tokens = data.path("total_tokens").isInt() ? data.path("total_tokens").asInt() : null;
        // a workflow reports its tokens in total: metered as the answer's
        return new Answer(output.asText(), List.of(), null, tokens == null ? null : 0, tokens);
      }
      throw new IOException("the Dify workflow of agent " + agent + " ended its answer without workflow_finished");
    }

    private static List<JsonNode> events(String body, String agent) throws IOException {
      List<JsonNode> events = new ArrayList<>();
      if (body.strip().startsWith("{")) {
        throw new IOException("the Dify app of agent " + agent + " answered JSON, not the event stream it was asked for");
      }
      for (ServerSentEvents.Event event : ServerSentEvents.parse(body)) {
        try {
          JsonNode data = JSON.readTree(event.data());
          if (data != null && data.isObject()) {
            events.add(data);
          }
        } catch (IOException e) {
          throw new IOException("the Dify app of agent " + agent + " streamed an event that is not JSON", e);
        }
      }
      return events;
    }

    private static IOException streamedError(JsonNode event, String agent) {
      return new IOException("the Dify app of agent " + agent + " failed: " + event.path("code").asText("error") + ": "
          + event.path("message").asText(""));
    }
  }
}
