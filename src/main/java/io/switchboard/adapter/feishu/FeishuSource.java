package io.switchboard.adapter.feishu;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.bot.Bots;
import io.switchboard.envelope.Envelopes;
import io.switchboard.channel.IngressPublisher;
import io.switchboard.webhook.RequestSignatures;
import io.switchboard.webhook.WebhookRejectedException;
import io.switchboard.webhook.WebhookResponses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Feishu's source: decrypts the event when the bot has an Encrypt Key (and then checks {@code X-Lark-Signature}),
 * checks the Verification Token, answers the url_verification challenge, and publishes messages (confirmed) before
 * answering 200 inside Feishu's 3 seconds.
 */
@Component("feishuSource")
public class FeishuSource {

  private final ObjectMapper json = new ObjectMapper();
  private final Bots bots;
  private final IngressPublisher publisher;
  private final WebhookResponses responses;
  private final Clock clock = Clock.systemUTC();

  public FeishuSource(Bots bots, IngressPublisher publisher, WebhookResponses responses) {
    this.bots = bots;
    this.publisher = publisher;
    this.responses = responses;
  }

  public void receive(Exchange exchange) throws JsonProcessingException {
    var message = exchange.getMessage();
    Bots.ConfiguredBot bot = bots.get(message.getHeader("SwitchboardBot", String.class));
    String raw = message.getBody(String.class);
    JsonNode request = parse(raw);
    String encryptKey = bot.get("encrypt-key");
    boolean encrypted = request.has("encrypt");
    if (encrypted) {
      if (encryptKey == null) {
        throw WebhookRejectedException.badRequest("encrypted event, but no encrypt-key is configured for this bot");
      }
      try {
        request = parse(FeishuCrypto.decrypt(encryptKey, request.path("encrypt").asText()));
      } catch (IllegalArgumentException e) {
        throw WebhookRejectedException.unauthorized("the event cannot be decrypted with this bot's encrypt-key");
      }
    } else if (encryptKey != null) {
      throw WebhookRejectedException.unauthorized("this bot expects encrypted events");
    }
    boolean challenge = "url_verification".equals(request.path("type").asText());
    if (encryptKey != null && !challenge) {
      String timestamp = header(message, "X-Lark-Request-Timestamp");
      String expected = FeishuCrypto.signature(timestamp, header(message, "X-Lark-Request-Nonce"), encryptKey, raw);
      if (!constantTimeEquals(expected, header(message, "X-Lark-Signature"))) {
        throw WebhookRejectedException.unauthorized("X-Lark-Signature does not match");
      }
      RequestSignatures.requireFresh("X-Lark-Request-Timestamp", timestamp, clock.instant(), RequestSignatures.FRESHNESS);
    }
    String token = challenge ? request.path("token").asText() : request.path("header").path("token").asText(request.path("token").asText());
    if (!constantTimeEquals(bot.get("verification-token"), token)) {
      throw WebhookRejectedException.unauthorized("the verification token does not match");
    }
    if (challenge) {
      responses.respond(exchange, 200, Map.of("challenge", request.path("challenge").asText()));
      return;
    }
    FeishuInbound.toEvent(bot.id(), request).map(e -> Envelopes.withDefaultLocale(e, bot.get("locale"))).ifPresent(publisher::publish);
    FeishuInbound.groupEvents(bot.id(), request).stream().map(e -> Envelopes.withDefaultLocale(e, bot.get("locale"))).forEach(publisher::publish);
    responses.respond(exchange, 200, Map.of());
  }

  private JsonNode parse(String text) {
    try {
      return json.readTree(text == null ? "" : text);
    } catch (IOException e) {
      throw WebhookRejectedException.badRequest("not JSON");
    }
  }

  private static String header(org.apache.camel.Message message, String name) {
    String value = message.getHeader(name, String.class);
    return value == null ? "" : value;
  }

  private static boolean constantTimeEquals(String a, String b) {
    return b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
