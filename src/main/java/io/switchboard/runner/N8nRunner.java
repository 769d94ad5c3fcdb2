package io.switchboard.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.agent.Agent;
import io.switchboard.agent.AgentSettings;
import io.switchboard.agent.ConversationAgents;
import io.switchboard.kernel.Turn;
import io.switchboard.kernel.UserKey;
import io.switchboard.outbound.GuardedHttpClient;
import io.switchboard.outbound.OutboundRefusedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * The {@code n8n} runner (routes/runners/n8n.camel.yaml): a workflow behind n8n's Webhook trigger, as LangBot and
 * n8n's own chat use it: {@code {"chatInput", "sessionId"}} POSTed (with the user), authenticated with none, Basic or
 * a header; the answer is the JSON object's {@code output-key} field ({@code response}; an array's first object), or a
 * streamed NDJSON answer's {@code {"type":"item","content"}} lines up to {@code {"type":"end"}}. Through the guarded
 * outbound client; a failure or a non-2xx answer fails the turn (retried, then dead-lettered, the user told).
 */
@Component("n8nRunner")
public class N8nRunner implements Runner {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ConversationAgents agents;
  private final GuardedHttpClient http;

  private final PartialReplies partials;

  public N8nRunner(ConversationAgents agents, GuardedHttpClient http, PartialReplies partials) {
    this.partials = partials;
    this.agents = agents;
    this.http = http;
  }

  @Override
  public Turn answer(Turn turn) throws IOException, InterruptedException {
    Agent agent = agents.of(turn.session(), turn.agentOverride(), UserKey.of(turn.event()));
    AgentSettings.N8n n8n = agent.service(AgentSettings.N8n.class);
    Map<String, Object> request = new HashMap<>();
    request.put("chatInput", turn.promptText());
    request.put("sessionId", turn.session().id());
    request.put("user", UserKey.of(turn.event()));
    request.put("eventId", turn.event().id()); // the same when a turn is posted again after a crash
    PartialReplies.Stream stream = partials.open(turn);
    try {
      GuardedHttpClient.Response response;
      try {
        response = http.send("POST", n8n.url(), headers(n8n), JSON.writeValueAsString(request), agent.timeout(),
            stream.watched() ? pieces(stream) : null);
      } catch (OutboundRefusedException e) {
        throw new IOException("the n8n workflow of agent " + agent.name() + " is not reachable: " + e.getMessage(), e);
      }
      if (response.status() / 100 != 2) {
        throw new IOException("the n8n workflow of agent " + agent.name() + " answered HTTP " + response.status());
      }
      String body = new String(response.body(), StandardCharsets.UTF_8);
      String outputKey = n8n.outputKey() == null || n8n.outputKey().isBlank() ? "response" : n8n.outputKey();
      turn.reply(text(body, outputKey, agent.name()), agent.name(), null, null);
    } finally {
      stream.close();
    }
    return turn;
  }

  /** A streamed NDJSON answer's lines read as they come, its items' content handed to {@code pieces}. */
  static Consumer<String> pieces(Consumer<String> pieces) {
    return line -> {
      if (!line.startsWith("{\"type\"")) {
        return; // a JSON answer arrives whole
      }
      try {
        JsonNode chunk = JSON.readTree(line);
        if (chunk.path("type").asText().equals("item")) {
          pieces.accept(chunk.path("content").asText(""));
        }
      } catch (IOException notJson) {
        // the whole answer is read afterwards, and says what was wrong
      }
    };
  }

  private static Map<String, String> headers(AgentSettings.N8n n8n) {
    Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/json"));
    String auth = n8n.authScheme();
    if (auth.equals("basic")) {
      String credentials = n8n.username() + ":" + n8n.password();
      headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    } else if (auth.equals("header")) {
      headers.put(n8n.headerName(), n8n.headerValue());
    }
    return headers;
  }

  /** The answer's text: a streamed NDJSON answer's items, or the JSON answer's output field. */
  static String text(String body, String outputKey, String agent) throws IOException {
    String trimmed = body.strip();
    if (trimmed.startsWith("{\"type\"") || trimmed.contains("\n{\"type\"")) {
      StringBuilder text = new StringBuilder();
      for (String line : trimmed.split("\\R")) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode chunk = JSON.readTree(line);
        String type = chunk.path("type").asText();
        if (type.equals("item")) {
          text.append(chunk.path("content").asText(""));
        } else if (type.equals("end")) {
          break;
        } else if (type.equals("error")) {
          throw new IOException("the n8n workflow of agent " + agent + " streamed an error: " + chunk.path("content").asText(""));
        }
      }
      return text.toString();
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(trimmed);
    } catch (IOException e) {
      throw new IOException("the n8n workflow of agent " + agent + " did not answer JSON", e);
    }
    JsonNode first = answer.isArray() && !answer.isEmpty() ? answer.get(0) : answer;
    JsonNode text = first.path(outputKey).isMissingNode() ? first.path("output") : first.path(outputKey);
    if (!text.isTextual()) {
      throw new IOException("the n8n workflow of agent " + agent + " answered without a text in \"" + outputKey + "\"");
    }
    return text.asText();
  }
}
