package io.switchboard.subscription;

import io.switchboard.command.Command;
import io.switchboard.command.CommandContext;
import io.switchboard.command.CommandReply;
import io.switchboard.command.Scene;
import java.time.Duration;
import java.util.List;

/** {@code sub rss <url> [--every <duration>] [--summarize]} and {@code sub topic <name>}: follow a feed or a topic here. */
@Scene(name = "sub", description = "subscribe this chat to an RSS/Atom feed or a topic")
public class SubScene {

  private final SubscriptionService service;

  public SubScene(SubscriptionService service) {
    this.service = service;
  }

  @Command(name = "rss", description = "follow an RSS or Atom feed: new items are posted here", usage = "<url> [--every 10m] [--summarize]",
      minArgs = 1, maxArgs = 4)
  public CommandReply rss(CommandContext context) throws InterruptedException {
    String url = null;
    Duration every = null;
    boolean summarize = false;
    List<String> args = context.args();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if ("--every".equals(arg) && i + 1 < args.size()) {
        try {
          every = Durations.parse(args.get(++i));
        } catch (IllegalArgumentException e) {
          return CommandReply.text(e.getMessage());
        }
      } else if ("--summarize".equals(arg)) {
        summarize = true;
      } else if (url == null && !arg.startsWith("--")) {
        url = arg;
      } else {
        return CommandReply.text(context.text("command.usage", "sub rss", "<url> [--every 10m] [--summarize]"));
      }
    }
    if (url == null) {
      return CommandReply.text(context.text("command.usage", "sub rss", "<url> [--every 10m] [--summarize]"));
    }
    try {
      var done = service.subscribeRss(context.turn().event().conversation(), SubscriptionService.chatType(context.turn().event()), url, every,
          summarize, context.userKey());
      return CommandReply.text(context.text("sub.rss.done", done.title(), done.subscription().id(), Durations.format(done.interval())));
    } catch (SubscriptionService.RefusedException e) {
      return CommandReply.text(e.getMessage());
    }
  }

  @Command(name = "topic", description = "follow a topic that producers publish to", usage = "<name>", minArgs = 1, maxArgs = 1)
  public CommandReply topic(CommandContext context) {
    try {
      var subscription = service.subscribeTopic(context.turn().event().conversation(), SubscriptionService.chatType(context.turn().event()),
          context.arg(0), context.userKey());
      return CommandReply.text(context.text("sub.topic.done", context.arg(0), subscription.id()));
    } catch (SubscriptionService.RefusedException e) {
      return CommandReply.text(e.getMessage());
    }
  }
}
