package io.switchboard.keys;

import io.switchboard.command.Command;
import io.switchboard.command.CommandContext;
import io.switchboard.command.CommandReply;
import io.switchboard.command.Scene;
import io.switchboard.outbound.OutboundGuard;
import io.switchboard.outbound.OutboundRefusedException;
import java.net.URI;

/**
 * {@code key set <apiKey> [baseUrl] [model]}, {@code key clear}, {@code key show}: a user's own OpenAI-compatible
 * endpoint, used instead of the shared model and outside its quota. Private chats only: a key typed in a group is
 * refused, with a warning that it is now exposed there.
 */
@Scene(name = "key", description = "your own model API key (bring your own key)")
public class KeyScene {

  private final UserKeys keys;
  private final OutboundGuard guard;

  public KeyScene(UserKeys keys, OutboundGuard guard) {
    this.keys = keys;
    this.guard = guard;
  }

  @Command(name = "set", description = "use your own API key (private chat only)", usage = "<apiKey> [baseUrl] [model]", minArgs = 1, maxArgs = 3)
  public CommandReply set(CommandContext context) {
    if (!context.privateChat()) {
      return CommandReply.text(context.text("key.group-refused"));
    }
    if (!keys.enabled()) {
      return CommandReply.text(context.text("key.disabled"));
    }
    String apiKey = context.arg(0);
    String baseUrl = context.arg(1);
    if (baseUrl != null && !baseUrl.matches("https?://\\S+")) {
      return CommandReply.text(context.text("key.bad-url", baseUrl));
    }
    if (baseUrl != null) {
      try {
        guard.check(URI.create(baseUrl));
      } catch (OutboundRefusedException | IllegalArgumentException e) {
        return CommandReply.text(context.text("key.url-refused", baseUrl, e instanceof OutboundRefusedException ? e.getMessage() : "not a URL"));
      }
    }
    keys.set(context.userKey(), apiKey, baseUrl, context.arg(2));
    return CommandReply.text(context.text("key.set", KeyCipher.hint(apiKey), baseUrl == null ? "-" : baseUrl, context.arg(2) == null ? "-" : context.arg(2)));
  }

  @Command(name = "clear", description = "forget your API key and use the shared model again", maxArgs = 0)
  public CommandReply clear(CommandContext context) {
    return CommandReply.text(context.text(keys.clear(context.userKey()) ? "key.cleared" : "key.none"));
  }

  @Command(name = "show", description = "which key (its last characters) and endpoint you use", maxArgs = 0)
  public CommandReply show(CommandContext context) {
    return CommandReply.text(keys.summary(context.userKey())
        .map(s -> context.text("key.shown", s.hint(), s.baseUrl() == null ? "-" : s.baseUrl(), s.model() == null ? "-" : s.model()))
        .orElseGet(() -> context.text("key.none")));
  }
}
