package io.switchboard.command;

import io.switchboard.envelope.Envelope;
import io.switchboard.kernel.Locales;
import io.switchboard.kernel.Turn;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;

/** What a command runs with: the turn, its arguments, who asks, and the bundle to answer in the user's language. */
public record CommandContext(Turn turn, String scene, String command, List<String> args, String userKey, boolean admin, MessageSource messages) {

  public Locale locale() {
    return Locales.of(turn.event());
  }

  public String text(String key, Object... values) {
    return messages.getMessage(key, values, locale());
  }

  public boolean privateChat() {
    Envelope.Data data = turn.event().data();
    return data == null || data.chat() == null || !Envelope.Chat.GROUP.equals(data.chat().type());
  }

  public String arg(int index) {
    return index < args.size() ? args.get(index) : null;
  }

  /** The platform part of {@link #userKey}, e.g. {@code telegram}. */
  public String platform() {
    return turn.event().conversation().platform();
  }
}
