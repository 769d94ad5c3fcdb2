package io.switchboard.adapter.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.bot.BotState;
import io.switchboard.bot.Bots;
import io.switchboard.channel.IngressPublisher;
import io.switchboard.envelope.Envelope;
import io.switchboard.kernel.MetaKeys;
import io.switchboard.webhook.WebhookRejectedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Telegram's source beans, for both modes. Polling: one getUpdates long poll per call, each update published (with a
 * confirm) before the offset moves past it; the offset is stored, so a restart neither loses nor re-reads updates.
 * Webhook: the secret token is checked in constant time before anything else. Either way, a "typing…" action is shown
 * while the model works, and a button press is answered at once (answerCallbackQuery).
 */
@Component("telegramSource")
public class TelegramSource {

  private static final Logger log = LoggerFactory.getLogger(TelegramSource.class);
  static final String OFFSET = "telegram.offset";
  public static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

  private final ObjectMapper json = new ObjectMapper();
  private final Bots bots;
  private final TelegramApi api;
  private final TelegramBots telegram;
  private final BotState state;
  private final IngressPublisher publisher;

  public TelegramSource(Bots bots, TelegramApi api, TelegramBots telegram, BotState state, IngressPublisher publisher) {
    this.bots = bots;
    this.api = api;
    this.telegram = telegram;
    this.state = state;
    this.publisher = publisher;
  }

  /** Polling mode: one long poll. Errors are logged and backed off, so a Telegram outage does not spin. */
  public void poll(Exchange exchange) throws InterruptedException {
    String botId = exchange.getMessage().getHeader("SwitchboardBot", String.class);
    Bots.ConfiguredBot bot = bots.get(botId);
    int timeout = bot.integer("poll-timeout");
    try {
      long offset = state.get(botId, OFFSET).map(Long::parseLong).orElse(0L);
      JsonNode updates = api.call(botId, "getUpdates",
          Map.of("offset", offset, "timeout", timeout, "allowed_updates", TelegramBots.UPDATES),
          Duration.ofSeconds(timeout + 15L));
      for (JsonNode update : updates) {
        publish(botId, update);
        state.put(botId, OFFSET, String.valueOf(update.path("update_id").asLong() + 1));
      }
    } catch (IOException | TelegramApiException e) {
      log.warn("Telegram bot {}: getUpdates failed, retrying in 5 s: {}", botId, e.getMessage());
      Thread.sleep(5_000);
    }
  }

  /** Webhook mode: verifies the secret token, then publishes the update. */
  public void receive(Exchange exchange) throws IOException, InterruptedException {
    var message = exchange.getMessage();
    Bots.ConfiguredBot bot = bots.get(message.getHeader("SwitchboardBot", String.class));
    String token = message.getHeader(SECRET_HEADER, String.class);
    byte[] expected = bot.get("webhook-secret").getBytes(StandardCharsets.UTF_8);
    if (token == null || !MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.UTF_8))) {
      throw WebhookRejectedException.unauthorized("missing or wrong " + SECRET_HEADER);
    }
    JsonNode update;
    try {
      update = json.readTree(message.getBody(String.class));
    } catch (IOException e) {
      throw WebhookRejectedException.badRequest("not a Telegram Update");
    }
    publish(bot.id(), update);
  }

  private void publish(String botId, JsonNode update) throws IOException, InterruptedException {
    List<Envelope> groupEvents = TelegramInbound.groupEvents(botId, telegram.identity(botId), update);
    if (!groupEvents.isEmpty()) {
      groupEvents.forEach(publisher::publish);
      return;
    }
    // the answer is shown as it is written (drafts, or an edited message in a group), unless the bot's streaming is off
    Optional<Envelope> event = TelegramInbound.toEvent(botId, telegram.identity(botId), update).map(bots.get(botId)::streamed);
    if (event.isPresent()) {
      publisher.publish(event.get());
    }
    if (update.has("callback_query")) {
      // the press is on the bus (or not ours): stop the button's spinner; the answer comes as a message
      quietly(botId, "answerCallbackQuery", Map.of("callback_query_id", update.path("callback_query").path("id").asText()));
      return;
    }
    if (event.isEmpty()) {
      return;
    }
    if (Boolean.TRUE.equals(event.get().meta(MetaKeys.ADDRESSED))) {
      typing(botId, event.get().data().chat().id());
    }
  }

  private void typing(String botId, String chatId) {
    quietly(botId, "sendChatAction", Map.of("chat_id", chatId, "action", "typing"));
  }

  /** A courtesy call whose failure changes nothing for the message: logged, not retried. */
  private void quietly(String botId, String method, Map<String, Object> parameters) {
    try {
      api.call(botId, method, parameters, Duration.ofSeconds(5));
    } catch (IOException | TelegramApiException e) {
      log.debug("Telegram bot {}: {} failed: {}", botId, method, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
