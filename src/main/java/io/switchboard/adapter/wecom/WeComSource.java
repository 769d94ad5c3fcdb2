package io.switchboard.adapter.wecom;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.switchboard.bot.Bots;
import io.switchboard.channel.IngressPublisher;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.webhook.WebhookRejectedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * WeCom's source. GET: the URL verification (signature, then the decrypted {@code echostr} answered as bare text).
 * POST: signature and freshness checked, the message decrypted and its receive id checked, then published (confirmed)
 * and answered with an empty 200 well inside WeCom's 5 seconds. The event id is {@code MsgId} (messages) or
 * {@code FromUserName + CreateTime} (events), so WeCom's retries are answered once.
 */
@Component("wecomSource")
public class WeComSource {

  static final Duration FRESHNESS = Duration.ofMinutes(5);

  private final Bots bots;
  private final IngressPublisher publisher;
  private final Clock clock;

  public WeComSource(Bots bots, IngressPublisher publisher) {
    this.bots = bots;
    this.publisher = publisher;
    this.clock = Clock.systemUTC();
  }

  public void receive(Exchange exchange) throws JsonProcessingException {
    var message = exchange.getMessage();
    Bots.ConfiguredBot bot = bots.get(message.getHeader("SwitchboardBot", String.class));
    String signature = message.getHeader("msg_signature", String.class);
    String timestamp = message.getHeader("timestamp", String.class);
    String nonce = message.getHeader("nonce", String.class);
    if (signature == null || timestamp == null || nonce == null) {
      throw WebhookRejectedException.unauthorized("missing msg_signature, timestamp or nonce");
    }
    String response;
    if ("GET".equals(message.getHeader(Exchange.HTTP_METHOD, String.class))) {
      String echo = message.getHeader("echostr", String.class);
      verify(bot, signature, timestamp, nonce, echo);
      response = decrypt(bot, echo);
    } else {
      String encrypted = WeComXml.parse(message.getBody(String.class)).get("Encrypt");
      verify(bot, signature, timestamp, nonce, encrypted);
      fresh(timestamp);
      toEvent(bot.id(), WeComXml.parse(decrypt(bot, encrypted))).ifPresent(publisher::publish);
      response = "";
    }
    message.removeHeaders("*");
    message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
    message.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
    message.setBody(response); // the bare plaintext: no quotes, no BOM, no newline
  }

  static Optional<Envelope> toEvent(String botId, Map<String, String> xml) {
    if (!"text".equals(xml.get("MsgType")) || xml.get("Content") == null || xml.get("Content").isBlank()) {
      return Optional.empty(); // events (enter_agent, ...), images, voice: not handled yet
    }
    String user = xml.get("FromUserName");
    String id = xml.getOrDefault("MsgId", user + ":" + xml.get("CreateTime"));
    ConversationKey conversation = new ConversationKey("wecom", botId, user);
    long created = Long.parseLong(xml.getOrDefault("CreateTime", "0"));
    return Optional.of(new Envelope(
        Envelope.SPEC_VERSION, Envelope.MESSAGE_RECEIVED, "/wecom/" + botId, id,
        OffsetDateTime.ofInstant(Instant.ofEpochSecond(created), ZoneOffset.UTC), conversation.toString(), Envelope.CONTENT_TYPE,
        new Envelope.Data(new Envelope.Chat(Envelope.Chat.PRIVATE, user), new Envelope.Sender(user, null),
            List.of(Envelope.Part.text(xml.get("Content").strip())), new Envelope.Chain(id, null, 0), Map.of())));
  }

  private static void verify(Bots.ConfiguredBot bot, String signature, String timestamp, String nonce, String encrypted) {
    if (encrypted == null || !WeComCrypto.signatureMatches(bot.get("token"), timestamp, nonce, encrypted, signature)) {
      throw WebhookRejectedException.unauthorized("msg_signature does not match");
    }
  }

  private void fresh(String timestamp) {
    long seconds;
    try {
      seconds = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      throw WebhookRejectedException.unauthorized("timestamp must be Unix seconds");
    }
    if (Math.abs(clock.instant().getEpochSecond() - seconds) > FRESHNESS.toSeconds()) {
      throw WebhookRejectedException.unauthorized("stale request: the timestamp is more than 5 minutes from now");
    }
  }

  private static String decrypt(Bots.ConfiguredBot bot, String encrypted) {
    try {
      return WeComCrypto.decrypt(bot.get("aes-key"), encrypted, bot.get("corp-id"));
    } catch (IllegalArgumentException e) {
      throw WebhookRejectedException.unauthorized("cannot decrypt with this app's EncodingAESKey and CorpID");
    }
  }
}
