package io.switchboard.command;

import io.switchboard.pipeline.Turn;
import io.switchboard.store.SessionRepository;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The commands every conversation has, with or without a model: {@code /help}, {@code /reset} and {@code /whoami}.
 * A message that is no command goes to the runner.
 */
@Component("commands")
public class BuiltInCommands {

  private static final String PREFIXES = "/!";

  private final SessionRepository sessions;
  private final MessageSource messages;

  public BuiltInCommands(SessionRepository sessions, MessageSource messages) {
    this.sessions = sessions;
    this.messages = messages;
  }

  /** The command name when the text is one of ours, e.g. {@code "/reset"} gives {@code reset}. */
  static Optional<String> commandName(String text) {
    String trimmed = text == null ? "" : text.strip();
    if (trimmed.length() < 2 || PREFIXES.indexOf(trimmed.charAt(0)) < 0) {
      return Optional.empty();
    }
    String name = trimmed.substring(1).split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
    return switch (name) {
      case "help", "reset", "whoami" -> Optional.of(name);
      default -> Optional.empty();
    };
  }

  public boolean isCommand(Turn turn) {
    return commandName(turn.text()).isPresent();
  }

  public Turn execute(Turn turn) {
    Locale locale = Locales.of(turn.event());
    String name = commandName(turn.text()).orElseThrow();
    switch (name) {
      case "reset" -> {
        sessions.resetHistory(turn.session().id());
        turn.reply(messages.getMessage("command.reset.done", null, locale));
      }
      case "whoami" -> {
        var key = turn.event().conversation();
        String user = turn.event().data().sender() == null ? "-" : turn.event().data().sender().id();
        turn.reply(
            messages.getMessage(
                "command.whoami", new Object[] {user, key.platform(), key.bot(), key.chatId(), turn.session().id()}, locale));
      }
      default -> turn.reply(messages.getMessage("command.help", null, locale));
    }
    return turn;
  }
}
