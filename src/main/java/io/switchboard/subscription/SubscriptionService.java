package io.switchboard.subscription;

import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Subscribing and unsubscribing, for the chat commands and the HTTP API alike. A subscription is delivered through a
 * bot's durable egress, so its target must be a configured bot's chat ({@code <platform>:<bot>:<chatId>}); the
 * web chat, the terminal and the API have no durable outbound queue to deliver to later.
 */
@Component
public class SubscriptionService {

  /** A subscription that cannot be made, with a reason fit for the user. */
  public static class RefusedException extends Exception {
    public RefusedException(String reason) {
      super(reason);
    }
  }

  public record Subscribed(Subscriptions.Subscription subscription, String title, Duration interval, int delivered) {}

  private final Subscriptions subscriptions;
  private final Feeds feeds;
  private final FeedFetcher fetcher;
  private final SubscriptionRouter router;
  private final FeedSettings settings;
  private final DeliveryTargets targets;

  public SubscriptionService(Subscriptions subscriptions, Feeds feeds, FeedFetcher fetcher, SubscriptionRouter router, FeedSettings settings,
      DeliveryTargets targets) {
    this.targets = targets;
    this.subscriptions = subscriptions;
    this.feeds = feeds;
    this.fetcher = fetcher;
    this.router = router;
    this.settings = settings;
  }

  /**
   * Fetches the feed first (a 404, an unreachable host or a page that is not a feed is refused with the reason), takes
   * its current items as already seen when the feed is new, so the chat is not flooded with the backlog, and delivers
   * the newest {@code switchboard.feeds.initial-items} to the new subscriber only.
   */
  public Subscribed subscribeRss(ConversationKey target, String chatType, String url, Duration every, boolean summarize, String createdBy)
      throws RefusedException, InterruptedException {
    checkTarget(target);
    FeedFetcher.Fetched fetched;
    try {
      fetched = fetcher.fetch(url);
    } catch (FeedFetcher.FeedUnavailableException e) {
      throw new RefusedException("cannot subscribe to " + url + ": " + e.getMessage());
    }
    Duration interval = settings.interval(every);
    boolean newFeed = feeds.byUrl(url).isEmpty();
    Feeds.Feed feed = feeds.findOrCreate(url, fetched.title(), interval);
    if (newFeed) {
      feeds.markSeen(feed.id(), fetched.entries().stream().map(FeedFetcher.Entry::hash).toList());
    }
    Subscriptions.Subscription subscription = subscriptions.add(Subscriptions.RSS, String.valueOf(feed.id()), target.toString(), chatType,
        summarize, interval, createdBy);
    List<FeedFetcher.Entry> newest = new ArrayList<>(fetched.entries().subList(0, Math.min(settings.initialItems(), fetched.entries().size())));
    java.util.Collections.reverse(newest); // oldest of them first, as they would have arrived
    newest.forEach(entry -> router.deliver(subscription, FeedPoller.item(feed.id(), entry)));
    return new Subscribed(subscription, fetched.title() == null ? url : fetched.title(), feeds.byId(feed.id()).orElseThrow().interval(), newest.size());
  }

  public Subscriptions.Subscription subscribeTopic(ConversationKey target, String chatType, String topic, String createdBy) throws RefusedException {
    checkTarget(target);
    if (!topic.matches("[A-Za-z0-9_.-]{1,100}")) {
      throw new RefusedException("a topic name is 1-100 letters, digits, '.', '_' or '-'");
    }
    return subscriptions.add(Subscriptions.TOPIC, topic, target.toString(), chatType, false, null, createdBy);
  }

  /** This chat's subscription given by id, feed URL or topic name. */
  public Optional<Subscriptions.Subscription> find(ConversationKey target, String idUrlOrName) {
    return subscriptions.byTarget(target.toString()).stream()
        .filter(s -> String.valueOf(s.id()).equals(idUrlOrName)
            || (Subscriptions.TOPIC.equals(s.kind()) && s.sourceKey().equals(idUrlOrName))
            || (Subscriptions.RSS.equals(s.kind()) && feeds.byUrl(idUrlOrName).map(f -> String.valueOf(f.id()).equals(s.sourceKey())).orElse(false)))
        .findFirst();
  }

  public void remove(Subscriptions.Subscription subscription) {
    subscriptions.delete(subscription.id());
    if (Subscriptions.RSS.equals(subscription.kind())) {
      feeds.deleteIfUnfollowed(Long.parseLong(subscription.sourceKey()));
    }
  }

  /** What a subscription is, for listings: the feed's title and URL, or the topic. */
  public String describe(Subscriptions.Subscription subscription) {
    if (Subscriptions.TOPIC.equals(subscription.kind())) {
      return "topic " + subscription.sourceKey();
    }
    return feeds.byId(Long.parseLong(subscription.sourceKey()))
        .map(f -> "rss " + (f.title() == null ? "" : f.title() + " ") + f.url() + " every " + Durations.format(subscription.interval() == null ? f.interval() : subscription.interval())
            + (subscription.summarize() ? ", summarized" : "") + (f.failures() > 0 ? " (failing: " + f.lastError() + ")" : ""))
        .orElse("rss (feed gone)");
  }

  /** A bot's chat, or a web chat or API session that exists ({@link DeliveryTargets}). */
  void checkTarget(ConversationKey target) throws RefusedException {
    String refusal = targets.refusal(target);
    if (refusal != null) {
      throw new RefusedException("subscriptions are delivered to a bot's chat or to a web chat or API session (" + refusal
          + "); subscribe from the chat itself");
    }
  }

  /** The chat type of a conversation as a subscription keeps it. */
  public static String chatType(Envelope event) {
    return event.data() != null && event.data().chat() != null && event.data().chat().type() != null ? event.data().chat().type() : Envelope.Chat.PRIVATE;
  }
}
