package io.switchboard.adapter.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.bot.BotSockets;
import io.switchboard.bot.Bots;
import io.switchboard.channel.IngressPublisher;
import io.switchboard.envelope.Envelope;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Slack's Socket Mode source: no public Request URL; {@code apps.connections.open} (with the app-level token,
 * {@code xapp-…}) gives a WebSocket URL and events arrive on it as envelopes. An {@code events_api} envelope carries
 * the same event callback as the Events API; it is published (confirmed) before its {@code envelope_id} is
 * acknowledged, so Slack retries what was not taken, and the retry is answered once (same event); an
 * {@code interactive} envelope carries a button press. {@code disconnect}
 * (Slack refreshes connections every few hours) renews the connection.
 */
@Component("slackSocket")
public class SlackSocket extends BotSockets {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Bots bots;
  private final SlackApi api;
  private final IngressPublisher publisher;

  public SlackSocket(Bots bots, SlackApi api, IngressPublisher publisher) {
    this.bots = bots;
    this.api = api;
    this.publisher = publisher;
  }

  @Override
  protected URI endpoint(String botId) throws IOException, InterruptedException {
    Bots.ConfiguredBot bot = bots.get(botId);
    HttpResponse<String> opened = http.send(HttpRequest.newBuilder(URI.create(bot.get("api-base-url").replaceAll("/+$", "") + "/apps.connections.open"))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + bot.get("app-token"))
        .POST(HttpRequest.BodyPublishers.noBody())
        .build(), HttpResponse.BodyHandlers.ofString());
    JsonNode answer = JSON.readTree(opened.body());
    if (opened.statusCode() != 200 || !answer.path("ok").asBoolean(false) || answer.path("url").asText("").isEmpty()) {
      throw new IOException("apps.connections.open: HTTP " + opened.statusCode() + " " + answer.path("error").asText(""));
    }
    return URI.create(answer.path("url").asText());
  }

  @Override
  protected Optional<String> handle(String botId, WebSocket socket, String text) {
    JsonNode envelope;
    try {
      envelope = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a Socket Mode envelope", e);
    }
    String type = envelope.path("type").asText("");
    if ("disconnect".equals(type)) {
      renew(botId, socket);
      return Optional.empty();
    }
    if ("events_api".equals(type) || "interactive".equals(type)) {
      try {
        Optional<Envelope> event = "interactive".equals(type) ? SlackInbound.fromButton(botId, envelope.path("payload"))
            : SlackInbound.toEvent(botId, api.botUserId(botId), envelope.path("payload")).map(bots.get(botId)::streamed);
        event.ifPresent(publisher::publish); // confirmed: only then acknowledged
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    String envelopeId = envelope.path("envelope_id").asText("");
    return envelopeId.isEmpty() ? Optional.empty() : Optional.of("{\"envelope_id\":" + quote(envelopeId) + "}");
  }

  private static String quote(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
