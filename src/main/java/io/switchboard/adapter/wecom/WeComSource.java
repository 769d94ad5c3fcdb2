package io.switchboard.adapter.wecom;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.switchboard.bot.Bots;
import io.switchboard.channel.IngressPublisher;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import io.switchboard.webhook.PassiveReplies;
import io.switchboard.webhook.RequestSignatures;
import io.switchboard.webhook.WebhookRejectedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * WeCom's source. GET: the URL verification (signature, then the decrypted {@code echostr} answered as bare text).
 * POST: signature and freshness checked, the message decrypted and its receive id checked, then published (confirmed)
 * and answered well inside WeCom's 5 seconds: with the answer as an encrypted passive reply when it is ready within the
 * passive window, else with an empty 200 (the answer is then pushed with message/send). The event id is {@code MsgId} (messages) or
 * {@code FromUserName + CreateTime} (events), so WeCom's retries are answered once.
 */
@Component("wecomSource")
public class WeComSource {

  /** WeCom re-sends a callback it has no answer to after 5 s: a passive reply must be written well before. */
  static final Duration PASSIVE_LIMIT = Duration.ofSeconds(4);

  private final Bots bots;
  private final IngressPublisher publisher;
  private final PassiveReplies passiveReplies;
  private final Clock clock;

  public WeComSource(Bots bots, IngressPublisher publisher, PassiveReplies passiveReplies) {
    this.bots = bots;
    this.publisher = publisher;
    this.passiveReplies = passiveReplies;
    this.clock = Clock.systemUTC();
  }

  public void receive(Exchange exchange) throws JsonProcessingException, InterruptedException {
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
      RequestSignatures.requireFresh("timestamp", timestamp, clock.instant(), RequestSignatures.FRESHNESS);
      response = decrypt(bot, echo);
    } else {
      String encrypted = WeComXml.parse(message.getBody(String.class)).get("Encrypt");
      verify(bot, signature, timestamp, nonce, encrypted);
      RequestSignatures.requireFresh("timestamp", timestamp, clock.instant(), RequestSignatures.FRESHNESS);
      Optional<Envelope> event = toEvent(bot.id(), WeComXml.parse(decrypt(bot, encrypted))).map(e -> Envelopes.withDefaultLocale(e, bot.get("locale")));
      Optional<Envelope> reply = event.isEmpty() ? Optional.empty()
          : passiveReplies.publishAndAwait(event.get(), PASSIVE_LIMIT, WeComSource::fitsPassiveReply, () -> publisher.publish(event.get()));
      response = reply.map(r -> passiveReply(bot, r)).orElse("");
    }
    message.removeHeaders("*");
    message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
    message.setHeader(Exchange.CONTENT_TYPE, response.startsWith("<xml>") ? "application/xml; charset=utf-8" : "text/plain; charset=utf-8");
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

  /** A passive reply carries one plain text message: longer, Markdown or media replies are pushed. */
  static boolean fitsPassiveReply(Envelope reply) {
    List<Envelope.Part> messages = WeComSender.messages(reply);
    return messages.size() == 1 && "text".equals(messages.get(0).type());
  }

  /** The passive reply: a text message to the member, encrypted and signed like WeCom's own callbacks. */
  private String passiveReply(Bots.ConfiguredBot bot, Envelope reply) {
    String timestamp = String.valueOf(clock.instant().getEpochSecond());
    Map<String, String> message = new LinkedHashMap<>();
    message.put("ToUserName", reply.conversation().chatId());
    message.put("FromUserName", bot.get("corp-id"));
    message.put("CreateTime", timestamp);
    message.put("MsgType", "text");
    message.put("Content", reply.text().strip());
    String plain = WeComXml.write(message);
    String encrypted = WeComCrypto.encrypt(bot.get("aes-key"), plain, bot.get("corp-id"));
    String nonce = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    Map<String, String> envelope = new LinkedHashMap<>();
    envelope.put("Encrypt", encrypted);
    envelope.put("MsgSignature", WeComCrypto.signature(bot.get("token"), timestamp, nonce, encrypted));
    envelope.put("TimeStamp", timestamp);
    envelope.put("Nonce", nonce);
    return WeComXml.write(envelope);
  }

  private static void verify(Bots.ConfiguredBot bot, String signature, String timestamp, String nonce, String encrypted) {
    if (encrypted == null || !WeComCrypto.signatureMatches(bot.get("token"), timestamp, nonce, encrypted, signature)) {
      throw WebhookRejectedException.unauthorized("msg_signature does not match");
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
