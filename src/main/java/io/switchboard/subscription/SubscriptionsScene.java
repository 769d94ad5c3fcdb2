package io.switchboard.subscription;

import io.switchboard.command.Command;
import io.switchboard.command.CommandContext;
import io.switchboard.command.CommandReply;
import io.switchboard.command.Scene;
import java.util.List;
import java.util.StringJoiner;

/** {@code subs} and {@code unsub <id|url|name>}: this chat's subscriptions, typed without a scene name. */
@Scene(name = "subscriptions", description = "list and end this chat's subscriptions", root = true)
public class SubscriptionsScene {

  private final Subscriptions subscriptions;
  private final SubscriptionService service;

  public SubscriptionsScene(Subscriptions subscriptions, SubscriptionService service) {
    this.subscriptions = subscriptions;
    this.service = service;
  }

  @Command(name = "subs", description = "this chat's subscriptions, with their ids", maxArgs = 0)
  public CommandReply subs(CommandContext context) {
    List<Subscriptions.Subscription> mine = subscriptions.byTarget(context.turn().event().conversation().toString());
    if (mine.isEmpty()) {
      return CommandReply.text(context.text("subs.none"));
    }
    StringJoiner lines = new StringJoiner("\n", context.text("subs.list") + "\n", "");
    mine.forEach(s -> lines.add("#" + s.id() + " " + service.describe(s)));
    return CommandReply.text(lines.toString());
  }

  @Command(name = "unsub", description = "end a subscription of this chat", usage = "<id|url|topic>", minArgs = 1, maxArgs = 1)
  public CommandReply unsub(CommandContext context) {
    String which = context.arg(0).startsWith("#") ? context.arg(0).substring(1) : context.arg(0);
    return CommandReply.text(service.find(context.turn().event().conversation(), which)
        .map(s -> {
          String description = service.describe(s);
          service.remove(s);
          return context.text("unsub.done", s.id(), description);
        })
        .orElseGet(() -> context.text("unsub.unknown", which)));
  }
}
