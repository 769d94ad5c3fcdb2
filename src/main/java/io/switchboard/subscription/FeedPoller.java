package io.switchboard.subscription;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.bus.BusTopology;
import io.switchboard.channel.IngressPublisher;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Polls the feeds that are due ({@code feeds-poll} route, every {@code switchboard.feeds.poll-tick}). Each due feed is
 * leased in the database, so one instance fetches it however many instances and subscribers there are. Items not seen
 * before are published to {@code sb.feeds} (routing key {@code rss.<feedId>}), oldest first, and only then marked seen:
 * a crash in between republishes them, and the deliveries' derived ids stop a second delivery. A failing feed backs
 * off; after {@code failures-before-notice} failures in a row its subscribers are told once.
 */
@Component("feedPoller")
public class FeedPoller {

  private static final Logger log = LoggerFactory.getLogger(FeedPoller.class);
  private static final Duration LEASE = Duration.ofMinutes(2);
  private static final int FEEDS_PER_TICK = 20;

  private final Feeds feeds;
  private final Subscriptions subscriptions;
  private final FeedFetcher fetcher;
  private final FeedItemCodec codec;
  private final IngressPublisher publisher;
  private final Notifications notifications;
  private final FeedSettings settings;
  private final MessageSource messages;
  private final MeterRegistry meters;

  public FeedPoller(Feeds feeds, Subscriptions subscriptions, FeedFetcher fetcher, FeedItemCodec codec, IngressPublisher publisher,
      Notifications notifications, FeedSettings settings, MessageSource messages, MeterRegistry meters) {
    this.feeds = feeds;
    this.subscriptions = subscriptions;
    this.fetcher = fetcher;
    this.codec = codec;
    this.publisher = publisher;
    this.notifications = notifications;
    this.settings = settings;
    this.messages = messages;
    this.meters = meters;
  }

  /** @return how many feeds this instance polled */
  public int pollDue() throws InterruptedException {
    List<Feeds.Feed> due = feeds.leaseDue(LEASE, FEEDS_PER_TICK);
    for (Feeds.Feed feed : due) {
      poll(feed);
    }
    return due.size();
  }

  void poll(Feeds.Feed feed) throws InterruptedException {
    FeedFetcher.Fetched fetched;
    try {
      fetched = fetcher.fetch(feed.url());
    } catch (FeedFetcher.FeedUnavailableException e) {
      failed(feed, e.getMessage());
      return;
    }
    List<FeedFetcher.Entry> entries = new ArrayList<>(fetched.entries());
    java.util.Collections.reverse(entries); // feeds list newest first; deliver oldest first
    Set<String> unseen = feeds.unseen(feed.id(), entries.stream().map(FeedFetcher.Entry::hash).toList());
    for (FeedFetcher.Entry entry : entries) {
      if (unseen.contains(entry.hash())) {
        publisher.publishTo(BusTopology.FEEDS, codec.encode(item(feed.id(), entry)), "rss." + feed.id());
      }
    }
    feeds.markSeen(feed.id(), unseen);
    feeds.polled(feed, fetched.title());
    meters.counter("switchboard.feeds.polls", "outcome", "ok").increment();
  }

  private void failed(Feeds.Feed feed, String reason) {
    int failures = feed.failures() + 1;
    feeds.failed(feed, reason, FeedSettings.backoff(feed.interval(), failures));
    meters.counter("switchboard.feeds.polls", "outcome", "failed").increment();
    log.info("Feed {} failed ({} in a row): {}", feed.url(), failures, reason);
    if (failures >= settings.failuresBeforeNotice() && feeds.claimFailureNotice(feed.id())) {
      for (Subscriptions.Subscription subscription : subscriptions.bySource(Subscriptions.RSS, String.valueOf(feed.id()))) {
        String text = messages.getMessage("feeds.failing", new Object[] {feed.title() == null ? feed.url() : feed.title(), feed.url(), reason, failures},
            java.util.Locale.ENGLISH);
        notifications.deliver(ConversationKey.parse(subscription.target()), subscription.chatType(), "/feeds/rss:" + feed.id(),
            "feed-failing:" + subscription.id() + "|" + java.util.UUID.randomUUID(), // told once per failure run (the claim above)
            List.of(Envelope.Part.text(text)));
      }
    }
  }

  /** The bus item of a feed entry; its id is the entry's hash, so the same entry is the same item. */
  static FeedItem item(long feedId, FeedFetcher.Entry entry) {
    return FeedItem.of("/rss/" + feedId, entry.hash(), "rss:" + feedId, new FeedItem.Data(entry.title(), entry.link(), entry.summary(), null));
  }
}
