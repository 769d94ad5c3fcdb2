package io.switchboard.pipeline;

import io.switchboard.envelope.Envelope;
import io.switchboard.kernel.MetaKeys;
import io.switchboard.kernel.Turn;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Pipeline stage, before any model call: whether the bot answers at all. Private chats always. In a group, only when
 * one of the bot's rules matches: it is @mentioned or replied to (the adapter marks that as {@code meta.addressed};
 * an event without the mark, from the API or a producer, counts as addressed), the text starts with a prefix, a
 * regex matches, or a random draw succeeds. Rules are {@code switchboard.respond.*}, per bot under
 * {@code switchboard.respond.bots.<botId>.*}.
 */
@Component("respondRules")
public class RespondRules {

  /** One set of group rules. */
  public record Rules(Boolean mention, List<String> prefixes, List<String> patterns, Double probability) {
    public Rules {
      prefixes = prefixes == null ? List.of() : List.copyOf(prefixes);
      patterns = patterns == null ? List.of() : List.copyOf(patterns);
    }
  }

  /** {@code switchboard.respond.*}: the default rules, and per bot. */
  @ConfigurationProperties("switchboard.respond")
  public record Settings(Boolean mention, List<String> prefixes, List<String> patterns, Double probability, Map<String, Rules> bots) {
    public Settings {
      bots = bots == null ? Map.of() : Map.copyOf(bots);
    }

    Rules forBot(String bot) {
      Rules own = bots.get(bot);
      Rules defaults = new Rules(mention, prefixes, patterns, probability);
      if (own == null) {
        return defaults;
      }
      return new Rules(own.mention() != null ? own.mention() : defaults.mention(),
          own.prefixes().isEmpty() ? defaults.prefixes() : own.prefixes(),
          own.patterns().isEmpty() ? defaults.patterns() : own.patterns(),
          own.probability() != null ? own.probability() : defaults.probability());
    }
  }

  private final Settings settings;
  private final DoubleSupplier random;
  /** Patterns from the settings, compiled once (this runs for every group message). */
  private final Map<String, Pattern> compiled = new ConcurrentHashMap<>();

  @Autowired
  public RespondRules(Settings settings) {
    this(settings, () -> ThreadLocalRandom.current().nextDouble());
  }

  RespondRules(Settings settings, DoubleSupplier random) {
    this.settings = settings;
    this.random = random;
  }

  /** Pipeline gate: drops a group message no rule answers. */
  public Turn admit(Turn turn) {
    if (turn.continuation() || turn.delegated() || turn.groupEvent()) {
      return turn; // the chain's own events (its first message was admitted already); a member joining is not chatter
    }
    if (!shouldAnswer(turn.event())) {
      turn.drop();
    }
    return turn;
  }

  public boolean shouldAnswer(Envelope event) {
    boolean group = event.data() != null && event.data().chat() != null && Envelope.Chat.GROUP.equals(event.data().chat().type());
    if (!group) {
      return true;
    }
    Rules rules = settings.forBot(event.conversation().bot());
    String text = event.text() == null ? "" : event.text().strip();
    if (!Boolean.FALSE.equals(rules.mention()) && !Boolean.FALSE.equals(event.meta(MetaKeys.ADDRESSED))) {
      return true;
    }
    if (rules.prefixes().stream().anyMatch(p -> !p.isEmpty() && text.startsWith(p))) {
      return true;
    }
    if (rules.patterns().stream().anyMatch(p -> compiled.computeIfAbsent(p, Pattern::compile).matcher(text).find())) {
      return true;
    }
    return rules.probability() != null && rules.probability() > 0 && random.getAsDouble() < rules.probability();
  }
}
