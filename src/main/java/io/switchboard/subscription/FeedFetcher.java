package io.switchboard.subscription;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Fetches and parses an RSS or Atom feed with ROME (the parser camel-rss uses), over the JDK HTTP client so that a
 * fetch has timeouts and a failure says what went wrong (HTTP status, unreachable host, not a feed), which the
 * camel-rss consumer does not offer.
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

  private static final int MAX_BYTES = 5 * 1024 * 1024;

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10))
      .followRedirects(HttpClient.Redirect.NORMAL)
      .build();

  public Fetched fetch(String url) throws FeedUnavailableException, InterruptedException {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new FeedUnavailableException("not a URL");
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
      throw new FeedUnavailableException("only http and https feeds are supported");
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
          .header("User-Agent", "Switchboard feed reader")
          .header("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.1")
          .build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new FeedUnavailableException("unreachable (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
    }
    if (response.statusCode() != 200) {
      throw new FeedUnavailableException("HTTP " + response.statusCode());
    }
    if (response.body().length > MAX_BYTES) {
      throw new FeedUnavailableException("larger than 5 MB");
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
