package io.switchboard.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.agent.Agent;
import io.switchboard.agent.AgentSettings;
import io.switchboard.agent.ConversationAgents;
import io.switchboard.envelope.Envelope;
import io.switchboard.kernel.Locales;
import io.switchboard.kernel.StoredMessage;
import io.switchboard.kernel.Turn;
import io.switchboard.kernel.UserKey;
import io.switchboard.outbound.GuardedHttpClient;
import io.switchboard.outbound.OutboundRefusedException;
import io.switchboard.webhook.RequestSignatures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The {@code webhook} runner (routes/runners/webhook.camel.yaml): an agent built elsewhere, behind a URL. The turn is
 * POSTed as JSON (text, parts, history, user, conversation, locale), signed as the http bot signs
 * ({@code X-Switchboard-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>}), through the guarded
 * outbound client (an internal URL needs {@code switchboard.outbound.allow}); its JSON answer ({@code text},
 * optional {@code parts}, {@code model}, {@code usage}) is the reply. A failure or a non-2xx answer fails the turn,
 * which the pipeline retries and then dead-letters, telling the user.
 */
@Component("webhookRunner")
public class WebhookRunner implements Runner {

  static final String SIGNATURE_HEADER = "X-Switchboard-Signature";
  static final String TIMESTAMP_HEADER = "X-Switchboard-Timestamp";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ConversationAgents agents;
  private final GuardedHttpClient http;
  private final Clock clock;

  @Autowired
  public WebhookRunner(ConversationAgents agents, GuardedHttpClient http) {
    this(agents, http, Clock.systemUTC());
  }

  WebhookRunner(ConversationAgents agents, GuardedHttpClient http, Clock clock) {
    this.agents = agents;
    this.http = http;
    this.clock = clock;
  }

  @Override
  public Turn answer(Turn turn) throws IOException, InterruptedException {
    Agent agent = agents.of(turn.session(), turn.agentOverride(), UserKey.of(turn.event()));
    AgentSettings.Webhook webhook = agent.service(AgentSettings.Webhook.class);
    String body = JSON.writeValueAsString(request(turn, agent));
    String timestamp = String.valueOf(clock.instant().getEpochSecond());
    Map<String, String> headers = Map.of("Content-Type", "application/json", TIMESTAMP_HEADER, timestamp,
        SIGNATURE_HEADER, "v1=" + RequestSignatures.hmacSha256Hex(webhook.secret(), timestamp + "." + body));
    GuardedHttpClient.Response response;
    try {
      response = http.send("POST", webhook.url(), headers, body, agent.timeout());
    } catch (OutboundRefusedException e) {
      throw new IOException("the webhook of agent " + agent.name() + " is not reachable: " + e.getMessage(), e);
    }
    if (response.status() / 100 != 2) {
      throw new IOException("the webhook of agent " + agent.name() + " answered HTTP " + response.status());
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(new String(response.body(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IOException("the webhook of agent " + agent.name() + " did not answer JSON", e);
    }
    if (!answer.path("text").isTextual() && !answer.path("parts").isArray()) {
      throw new IOException("the webhook of agent " + agent.name() + " answered neither text nor parts");
    }
    JsonNode usage = answer.path("usage");
    turn.reply(answer.path("text").asText(""), answer.path("model").isTextual() ? answer.path("model").asText() : agent.name(),
        usage.path("promptTokens").isInt() ? usage.path("promptTokens").asInt() : null,
        usage.path("completionTokens").isInt() ? usage.path("completionTokens").asInt() : null);
    turn.replyParts(parts(answer.path("parts")));
    return turn;
  }

  /** What the webhook receives: documented in docs/agents.md. */
  static ObjectNode request(Turn turn, Agent agent) {
    Envelope event = turn.event();
    ObjectNode request = JSON.createObjectNode();
    request.put("agent", agent.name());
    request.put("eventId", event.id());
    request.put("conversation", event.subject());
    request.put("session", turn.session().id());
    ObjectNode user = request.putObject("user");
    user.put("key", UserKey.of(event));
    user.put("name", event.data().sender() == null ? null : event.data().sender().name());
    request.put("chatType", event.data().chat() == null ? null : event.data().chat().type());
    request.put("locale", Locales.of(event).toLanguageTag());
    request.put("text", turn.promptText());
    ArrayNode parts = request.putArray("parts");
    event.data().parts().stream().filter(part -> !"text".equals(part.type())).forEach(part -> parts.add(JSON.valueToTree(part)));
    ArrayNode history = request.putArray("history");
    for (StoredMessage message : turn.history() == null ? List.<StoredMessage>of() : turn.history()) {
      history.addObject().put("role", message.role()).put("text", message.text());
    }
    return request;
  }

  private static List<Envelope.Part> parts(JsonNode parts) {
    List<Envelope.Part> result = new ArrayList<>();
    for (JsonNode part : parts) {
      String type = part.path("type").asText("");
      if (List.of("image", "file").contains(type) && part.path("url").isTextual()) {
        result.add(new Envelope.Part(type, null, part.path("url").asText(), part.path("mimeType").asText(null), part.path("name").asText(null), null));
      }
    }
    return result;
  }
}
