package io.switchboard.subscription;

import java.time.OffsetDateTime;

/**
 * An item on {@code sb.feeds}, as CloudEvents structured JSON ({@code schema/feed-item.schema.json}): from the RSS
 * poller (subject {@code rss:<feedId>}) or a producer (subject {@code topic:<name>}).
 */
public record FeedItem(String specversion, String type, String source, String id, OffsetDateTime time, String subject,
    String datacontenttype, Data data) {

  public static final String TYPE = "feed.item";

  public record Data(String title, String link, String summary, String text) {}

  public static FeedItem of(String source, String id, String subject, Data data) {
    return new FeedItem("1.0", TYPE, source, id, OffsetDateTime.now(), subject, "application/json", data);
  }

  /** {@code rss} or {@code topic}. */
  public String kind() {
    return subject.substring(0, subject.indexOf(':'));
  }

  /** The feed id or the topic name. */
  public String sourceKey() {
    return subject.substring(subject.indexOf(':') + 1);
  }
}
