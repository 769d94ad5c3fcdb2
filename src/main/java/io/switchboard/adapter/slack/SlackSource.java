package io.switchboard.adapter.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.bot.Bots;
import io.switchboard.channel.IngressPublisher;
import io.switchboard.envelope.Envelope;
import io.switchboard.webhook.WebhookRejectedException;
import io.switchboard.webhook.WebhookResponses;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Slack's source: verifies the request signature before anything else, answers the url_verification handshake, and
 * publishes message events (confirmed) before answering 200 — well inside Slack's 3-second deadline. Presses of
 * confirmation buttons (interaction payloads) arrive on the same URL.
 */
@Component("slackSource")
public class SlackSource {

  private static final String INTERACTION = "payload=";
  private final ObjectMapper json = new ObjectMapper();
  private final Bots bots;
  private final SlackApi api;
  private final IngressPublisher publisher;
  private final WebhookResponses responses;
  private final Clock clock = Clock.systemUTC();

  public SlackSource(Bots bots, SlackApi api, IngressPublisher publisher, WebhookResponses responses) {
    this.bots = bots;
    this.api = api;
    this.publisher = publisher;
    this.responses = responses;
  }

  public void receive(Exchange exchange) throws InterruptedException, JsonProcessingException {
    var message = exchange.getMessage();
    Bots.ConfiguredBot bot = bots.get(message.getHeader("SwitchboardBot", String.class));
    String body = message.getBody(String.class);
    SlackSignature.verify(
        bot.get("signing-secret"),
        message.getHeader(SlackSignature.TIMESTAMP_HEADER, String.class),
        body == null ? "" : body,
        message.getHeader(SlackSignature.SIGNATURE_HEADER, String.class),
        clock.instant());
    if (body != null && body.startsWith(INTERACTION)) {
      interaction(exchange, bot, body);
      return;
    }
    JsonNode request;
    try {
      request = json.readTree(body);
    } catch (IOException e) {
      throw WebhookRejectedException.badRequest("not JSON");
    }
    switch (request.path("type").asText()) {
      case "url_verification" -> responses.respond(exchange, 200, Map.of("challenge", request.path("challenge").asText()));
      case "event_callback" -> {
        // the answer is shown as it is written (one message edited in place), unless the bot's streaming is off
        Optional<Envelope> event = SlackInbound.toEvent(bot.id(), api.botUserId(bot.id()), request).map(bot::streamed);
        if (event.isPresent()) {
          publisher.publish(event.get());
        }
        responses.respond(exchange, 200, Map.of("ok", true));
      }
      default -> responses.respond(exchange, 200, Map.of("ok", true, "ignored", request.path("type").asText()));
    }
  }

  /**
   * An interaction (the app's Interactivity Request URL may be this same URL): a form with one field, {@code payload},
   * signed like events. A press of a confirmation button is published as its command; Slack needs only the 200.
   */
  private void interaction(Exchange exchange, Bots.ConfiguredBot bot, String body) throws InterruptedException, JsonProcessingException {
    JsonNode payload;
    try {
      payload = json.readTree(URLDecoder.decode(body.substring(INTERACTION.length()), StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException e) {
      throw WebhookRejectedException.badRequest("not an interaction payload");
    }
    Optional<Envelope> press = SlackInbound.fromButton(bot.id(), payload);
    if (press.isPresent()) {
      publisher.publish(press.get());
    }
    responses.respond(exchange, 200, Map.of("ok", true));
  }
}
