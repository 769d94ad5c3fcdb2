package io.switchboard.adapter.dingtalk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.bot.Bots;
import io.switchboard.channel.IngressPublisher;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import io.switchboard.webhook.PassiveReplies;
import io.switchboard.webhook.WebhookRejectedException;
import io.switchboard.webhook.WebhookResponses;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * DingTalk's source: verifies the callback's {@code timestamp}/{@code sign} headers first, remembers the
 * conversation's session webhook for the reply, publishes the event (confirmed), and answers with the reply when it
 * is ready within the passive window, else at once with an empty message; the reply is then pushed.
 */
@Component("dingtalkSource")
public class DingTalkSource {

  /** Kept well below the time DingTalk waits for the callback's answer. */
  static final Duration PASSIVE_LIMIT = Duration.ofSeconds(4);

  private final ObjectMapper json = new ObjectMapper();
  private final Bots bots;
  private final DingTalkSessions sessions;
  private final IngressPublisher publisher;
  private final WebhookResponses responses;
  private final PassiveReplies passiveReplies;
  private final Clock clock = Clock.systemUTC();

  public DingTalkSource(Bots bots, DingTalkSessions sessions, IngressPublisher publisher, WebhookResponses responses, PassiveReplies passiveReplies) {
    this.passiveReplies = passiveReplies;
    this.bots = bots;
    this.sessions = sessions;
    this.publisher = publisher;
    this.responses = responses;
  }

  public void receive(Exchange exchange) throws JsonProcessingException, InterruptedException {
    var message = exchange.getMessage();
    Bots.ConfiguredBot bot = bots.get(message.getHeader("SwitchboardBot", String.class));
    DingTalkSignature.verify(bot.get("app-secret"), message.getHeader("timestamp", String.class), message.getHeader("sign", String.class), clock.instant());
    JsonNode callback;
    try {
      callback = json.readTree(message.getBody(String.class));
    } catch (IOException e) {
      throw WebhookRejectedException.badRequest("not JSON");
    }
    Optional<Envelope> event = admit(bot.id(), callback);
    Optional<Envelope> reply = event.isEmpty() ? Optional.empty()
        : passiveReplies.publishAndAwait(event.get(), PASSIVE_LIMIT, r -> !r.text().isBlank(), () -> publisher.publish(event.get()));
    responses.respond(exchange, 200, reply.map(r -> DingTalkSender.markdown(r.text())).orElse(Map.of("msgtype", "empty")));
  }

  /**
   * A robot message as both the HTTP callback and the stream deliver it: the conversation's session webhook is
   * remembered for the reply; the event is returned for the caller to publish (confirmed) its way.
   */
  Optional<Envelope> admit(String botId, JsonNode callback) {
    Optional<Envelope> event = DingTalkInbound.toEvent(botId, callback).map(e -> Envelopes.withDefaultLocale(e, bots.get(botId).get("locale")));
    if (event.isPresent()) {
      sessions.remember(botId, callback.path("conversationId").asText(), new DingTalkSessions.Session(
          callback.path("sessionWebhook").asText(""),
          Instant.ofEpochMilli(callback.path("sessionWebhookExpiredTime").asLong(0)),
          "2".equals(callback.path("conversationType").asText()),
          callback.path("senderStaffId").asText(callback.path("senderId").asText(""))));
    }
    return event;
  }
}
