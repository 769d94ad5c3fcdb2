package io.switchboard.access;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.kernel.Turn;
import io.switchboard.kernel.Wildcards;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Pipeline stage: the allow and deny lists. Denied traffic is dropped silently (a reply would tell a blocked sender
 * the bot is there) and counted in {@code switchboard.access.denied}. A deny entry wins; when any allow entry
 * applies to the bot, a message must match one.
 */
@Component("accessLists")
public class AccessLists {

  private final AccessSettings settings;
  private final MeterRegistry meters;

  public AccessLists(AccessSettings settings, MeterRegistry meters) {
    this.settings = settings;
    this.meters = meters;
  }

  /** Pipeline gate: drops the turn of a sender or chat the lists refuse. */
  public Turn admit(Turn turn) {
    if (!admitted(turn.event())) {
      turn.drop();
    }
    return turn;
  }

  public boolean admitted(Envelope event) {
    ConversationKey key = event.conversation();
    List<String> allow = new ArrayList<>(settings.allow());
    List<String> deny = new ArrayList<>(settings.deny());
    AccessSettings.Lists bot = settings.bots().get(key.bot());
    if (bot != null) {
      allow.addAll(bot.allow());
      deny.addAll(bot.deny());
    }
    List<String> identities = identities(event);
    boolean admitted = identities.stream().noneMatch(id -> matchesAny(deny, id))
        && (allow.isEmpty() || identities.stream().anyMatch(id -> matchesAny(allow, id)));
    if (!admitted) {
      meters.counter("switchboard.access.denied", "platform", key.platform(), "bot", key.bot()).increment();
    }
    return admitted;
  }

  /** The chat ({@code platform:bot:group:chatId}) and, when known, the user ({@code platform:bot:user:userId}). */
  static List<String> identities(Envelope event) {
    ConversationKey key = event.conversation();
    String chatType = event.data() != null && event.data().chat() != null && event.data().chat().type() != null
        ? event.data().chat().type() : Envelope.Chat.PRIVATE;
    List<String> identities = new ArrayList<>(List.of(key.platform() + ":" + key.bot() + ":" + chatType + ":" + key.chatId()));
    if (event.data() != null && event.data().sender() != null && event.data().sender().id() != null) {
      identities.add(key.platform() + ":" + key.bot() + ":user:" + event.data().sender().id());
    }
    return identities;
  }

  static boolean matchesAny(List<String> patterns, String identity) {
    return patterns.stream().anyMatch(p -> matches(p, identity));
  }

  /** {@code *} matches any run of characters (chat ids may themselves contain colons). */
  public static boolean matches(String pattern, String identity) {
    return Wildcards.matches(pattern, identity);
  }
}
