package io.switchboard.adapter.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.bot.Bots;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** What Switchboard keeps per Telegram bot: its identity (getMe), and its webhook registration in webhook mode. */
@Component
public class TelegramBots {

  private static final Logger log = LoggerFactory.getLogger(TelegramBots.class);
  /** The updates asked for, by polling and by the webhook: messages, and presses of our confirmation buttons. */
  static final List<String> UPDATES = List.of("message", "edited_message", "callback_query", "my_chat_member");

  private final Bots bots;
  private final TelegramApi api;
  private final Map<String, TelegramInbound.BotIdentity> identities = new ConcurrentHashMap<>();

  public TelegramBots(Bots bots, TelegramApi api) {
    this.bots = bots;
    this.api = api;
  }

  /** The bot's own id and username, asked once. */
  public TelegramInbound.BotIdentity identity(String botId) throws IOException, InterruptedException {
    TelegramInbound.BotIdentity known = identities.get(botId);
    if (known != null) {
      return known;
    }
    JsonNode me = api.call(botId, "getMe", Map.of());
    TelegramInbound.BotIdentity identity = new TelegramInbound.BotIdentity(me.path("id").asLong(), me.path("username").asText(null));
    identities.put(botId, identity);
    return identity;
  }

  /** Webhook mode: tell Telegram where to post, with the secret it must echo (polling mode: nothing to do). */
  @EventListener(ApplicationReadyEvent.class)
  public void registerWebhooks() {
    for (Bots.ConfiguredBot bot : bots.all()) {
      if (!"telegram".equals(bot.adapter()) || !"webhook".equals(bot.mode())) {
        continue;
      }
      try {
        api.call(bot.id(), "setWebhook", Map.of(
            "url", bot.get("webhook-url"),
            "secret_token", bot.get("webhook-secret"),
            "allowed_updates", UPDATES));
        log.info("Telegram bot {}: webhook set to {}", bot.id(), bot.get("webhook-url"));
      } catch (IOException | TelegramApiException e) {
        log.error("Telegram bot {}: setWebhook failed, no updates will arrive until it succeeds: {}", bot.id(), e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
