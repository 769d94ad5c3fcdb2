package io.switchboard.filter;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.kernel.Locales;
import io.switchboard.kernel.Turn;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Pipeline stage: a configured word list applied to what the user sends (before commands and the model) and to what
 * the bot answers. {@code mask} replaces each match with asterisks; {@code block} answers a blocked input with a
 * neutral refusal, without calling the model, and replaces a blocked answer with the same refusal. Matching ignores
 * case and word boundaries, so it works for languages written without spaces.
 */
@Component("contentFilter")
public class ContentFilter {

  /** {@code switchboard.filter.*}. */
  @ConfigurationProperties("switchboard.filter")
  public record Settings(List<String> words, Action action) {
    public enum Action { MASK, BLOCK }

    public Settings {
      words = words == null ? List.of() : words.stream().filter(w -> w != null && !w.isBlank()).toList();
      action = action == null ? Action.MASK : action;
    }
  }

  private final Settings settings;
  private final Pattern words;
  private final MessageSource messages;
  private final MeterRegistry meters;

  public ContentFilter(Settings settings, MessageSource messages, MeterRegistry meters) {
    this.settings = settings;
    this.messages = messages;
    this.meters = meters;
    this.words = settings.words().isEmpty() ? null
        : Pattern.compile(String.join("|", settings.words().stream().map(Pattern::quote).toList()), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  public Turn checkInput(Turn turn) {
    if (words == null || !words.matcher(turn.promptText()).find()) {
      return turn;
    }
    meters.counter("switchboard.filter.matched", "direction", "input", "action", settings.action().name().toLowerCase(Locale.ROOT)).increment();
    if (settings.action() == Settings.Action.BLOCK) {
      turn.reply(messages.getMessage("filter.blocked", null, Locales.of(turn.event())));
      turn.doNotRecord();
    } else {
      turn.promptText(mask(turn.promptText()));
    }
    return turn;
  }

  public Turn checkOutput(Turn turn) {
    if (words == null || turn.replyText() == null || !words.matcher(turn.replyText()).find()) {
      return turn;
    }
    meters.counter("switchboard.filter.matched", "direction", "output", "action", settings.action().name().toLowerCase(Locale.ROOT)).increment();
    if (settings.action() == Settings.Action.BLOCK) {
      turn.reply(messages.getMessage("filter.blocked", null, Locales.of(turn.event())), turn.model(), turn.promptTokens(), turn.completionTokens());
    } else {
      turn.reply(mask(turn.replyText()), turn.model(), turn.promptTokens(), turn.completionTokens());
    }
    return turn;
  }

  String mask(String text) {
    Matcher matcher = words.matcher(text);
    StringBuilder masked = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(masked, "*".repeat(matcher.group().codePointCount(0, matcher.group().length())));
    }
    return matcher.appendTail(masked).toString();
  }
}
