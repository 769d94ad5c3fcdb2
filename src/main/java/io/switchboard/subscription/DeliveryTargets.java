package io.switchboard.subscription;

import io.switchboard.bot.Bots;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.store.SessionRepository;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Where a message can be delivered without the model (a subscription's items, a producer's notification): a
 * configured bot's chat, through the bot's durable queue, or a web chat or API session that exists, as a push kept in
 * its history (routes/session-pushes.camel.yaml). The terminal has neither.
 */
@Component
public class DeliveryTargets {

  /** The built-in channels whose sessions take pushes. */
  private static final Set<String> PUSHED_PLATFORMS = Set.of("web", "api");

  private final Bots bots;
  private final SessionRepository sessions;

  public DeliveryTargets(Bots bots, SessionRepository sessions) {
    this.bots = bots;
    this.sessions = sessions;
  }

  /** Why nothing can be delivered there, or null when it can. */
  public String refusal(ConversationKey target) {
    if (PUSHED_PLATFORMS.contains(target.platform()) && sessions.findByConversation(target).isPresent()) {
      return null;
    }
    return bots.find(target.bot()).filter(bot -> bot.adapter().equals(target.platform())).isPresent() ? null
        : target + " is not a configured bot's chat, nor a web chat or API session here";
  }
}
