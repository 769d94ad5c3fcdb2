package io.switchboard.subscription;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import io.switchboard.kernel.Turn;
import io.switchboard.runner.LlmRunner;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The subscription router ({@code feeds-router} route): each item on {@code sb.feeds} becomes one delivery per
 * subscriber, on that bot's guaranteed egress. A subscription with {@code --summarize} passes the item through the
 * model first (the runner as middleware); if the model fails, the item goes out unsummarized rather than not at all.
 */
@Component("subscriptionRouter")
public class SubscriptionRouter {

  private static final Logger log = LoggerFactory.getLogger(SubscriptionRouter.class);
  static final String SUMMARIZE_PROMPT = "Summarize this news item in two or three sentences, in the language it is written in:\n\n";

  private final FeedItemCodec codec;
  private final Subscriptions subscriptions;
  private final Notifications notifications;
  private final LlmRunner runner;
  private final MeterRegistry meters;

  public SubscriptionRouter(FeedItemCodec codec, Subscriptions subscriptions, Notifications notifications, LlmRunner runner, MeterRegistry meters) {
    this.codec = codec;
    this.subscriptions = subscriptions;
    this.notifications = notifications;
    this.runner = runner;
    this.meters = meters;
  }

  /** Fans one item (validated against the feed-item schema by the route) out to its subscribers. */
  public int fanOut(String body) {
    FeedItem item = codec.decode(body);
    List<Subscriptions.Subscription> followers = subscriptions.bySource(item.kind(), item.sourceKey());
    for (Subscriptions.Subscription subscription : followers) {
      deliver(subscription, item);
    }
    meters.counter("switchboard.feeds.items", "kind", item.kind()).increment();
    meters.counter("switchboard.feeds.deliveries", "kind", item.kind()).increment(followers.size());
    return followers.size();
  }

  void deliver(Subscriptions.Subscription subscription, FeedItem item) {
    ConversationKey target = ConversationKey.parse(subscription.target());
    String text = ItemFormat.format(item.data(), subscription.summarize() ? summary(target, subscription.chatType(), item) : null);
    notifications.deliver(target, subscription.chatType(), "/feeds/" + item.subject(),
        "subscription:" + subscription.id() + "|" + item.source() + "|" + item.id(), List.of(Envelope.Part.text(text)));
  }

  private String summary(ConversationKey target, String chatType, FeedItem item) {
    String content = ItemFormat.plain((item.data().title() == null ? "" : item.data().title() + "\n")
        + (item.data().text() != null ? item.data().text() : item.data().summary() == null ? "" : item.data().summary()));
    Turn turn = new Turn(Envelopes.received(target, chatType, new Envelope.Sender("feed", null), SUMMARIZE_PROMPT + content, Map.of()));
    try {
      runner.answer(turn);
      return turn.model() == null ? null : turn.replyText(); // no model configured: the item as it is
    } catch (RuntimeException e) {
      log.warn("Summarizing item {} failed ({}); it is delivered as it is", item.id(), e.toString());
      return null;
    }
  }
}
