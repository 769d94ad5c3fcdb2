package io.switchboard.subscription;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import io.switchboard.outbound.GuardedHttpClient;
import io.switchboard.outbound.OutboundRefusedException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Fetches and parses an RSS or Atom feed with ROME (the parser camel-rss uses), through the guarded outbound client:
 * the URL is a user's, so it may not reach private addresses, and a failure says what went wrong in a few words
 * ("HTTP 404", "unreachable", "not an RSS or Atom feed"), never with an exception's or the server's own text.
 */
@Component
public class FeedFetcher {

  /** A feed that cannot be used, with a reason fit for the user. */
  public static class FeedUnavailableException extends Exception {
    public FeedUnavailableException(String reason) {
      super(reason);
    }
  }

  /** A feed as fetched: its title and items, newest first as the feed lists them. */
  public record Fetched(String title, List<Entry> entries) {}

  /** One item: its dedupe hash (guid, else link, else title), and what a subscriber is shown. */
  public record Entry(String hash, String title, String link, String summary) {}

  private static final Map<String, String> HEADERS = Map.of(
      "User-Agent", "Switchboard feed reader",
      "Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.1");

  private final GuardedHttpClient http;

  public FeedFetcher(GuardedHttpClient http) {
    this.http = http;
  }

  public Fetched fetch(String url) throws FeedUnavailableException, InterruptedException {
    GuardedHttpClient.Response response;
    try {
      response = http.get(url, HEADERS);
    } catch (OutboundRefusedException e) {
      throw new FeedUnavailableException(e.getMessage());
    }
    if (response.status() != 200) {
      throw new FeedUnavailableException("HTTP " + response.status());
    }
    return parse(response.body());
  }

  static Fetched parse(byte[] body) throws FeedUnavailableException {
    SyndFeed feed;
    try {
      SyndFeedInput input = new SyndFeedInput();
      input.setAllowDoctypes(false);
      feed = input.build(new XmlReader(new ByteArrayInputStream(body)));
    } catch (FeedException | IOException | IllegalArgumentException e) {
      throw new FeedUnavailableException("not an RSS or Atom feed");
    }
    List<Entry> entries = new ArrayList<>();
    for (SyndEntry entry : feed.getEntries()) {
      String identity = firstNonBlank(entry.getUri(), entry.getLink(), entry.getTitle());
      if (identity == null) {
        continue;
      }
      String summary = entry.getDescription() != null ? entry.getDescription().getValue()
          : entry.getContents().isEmpty() ? null : entry.getContents().get(0).getValue();
      entries.add(new Entry(sha256(identity), blankToNull(entry.getTitle()), blankToNull(entry.getLink()), blankToNull(summary)));
    }
    return new Fetched(blankToNull(feed.getTitle()), entries);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String firstNonBlank(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return null;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
