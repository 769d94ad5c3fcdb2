package io.switchboard.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import io.switchboard.outbound.GuardedHttpClient;
import io.switchboard.outbound.OutboundGuard;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class FeedFetcherTest {

  static byte[] bytes(String xml) {
    return xml.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void rssItemsAreIdentifiedByGuidAndAtomEntriesById() throws Exception {
    FeedFetcher.Fetched rss = FeedFetcher.parse(bytes("""
        <rss version="2.0"><channel><title>News</title><link>http://n/</link><description>d</description>
        <item><title>Two</title><link>http://n/2</link><guid isPermaLink="false">g-2</guid><description>second</description></item>
        <item><title>One</title><link>http://n/1</link><guid isPermaLink="false">g-1</guid></item>
        </channel></rss>"""));
    assertThat(rss.title()).isEqualTo("News");
    assertThat(rss.entries()).extracting(FeedFetcher.Entry::title).containsExactly("Two", "One");
    assertThat(rss.entries().get(0).hash()).isEqualTo(FeedFetcher.sha256("g-2"));
    assertThat(rss.entries().get(0).summary()).isEqualTo("second");

    FeedFetcher.Fetched atom = FeedFetcher.parse(bytes("""
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title><id>urn:a</id><updated>2026-01-01T00:00:00Z</updated>
        <entry><title>E</title><id>urn:e:1</id><link href="http://a/e1"/><updated>2026-01-01T00:00:00Z</updated><summary>s</summary></entry>
        </feed>"""));
    assertThat(atom.entries()).singleElement().satisfies(e -> {
      assertThat(e.hash()).isEqualTo(FeedFetcher.sha256("urn:e:1"));
      assertThat(e.link()).isEqualTo("http://a/e1");
    });
  }

  @Test
  void withoutAGuidTheLinkIdentifiesTheItemHashedSoLongUrlsFit() throws Exception {
    String link = "http://n/" + "x".repeat(3000);
    FeedFetcher.Fetched rss = FeedFetcher.parse(bytes("<rss version=\"2.0\"><channel><title>N</title><link>http://n/</link><description>d</description>"
        + "<item><title>T</title><link>" + link + "</link></item></channel></rss>"));
    assertThat(rss.entries().get(0).hash()).isEqualTo(FeedFetcher.sha256(link)).hasSize(64);
  }

  @Test
  void aPageThatIsNotAFeedIsRefused() {
    assertThatThrownBy(() -> FeedFetcher.parse(bytes("<!DOCTYPE html><html><body>hi</body></html>")))
        .isInstanceOf(FeedFetcher.FeedUnavailableException.class).hasMessage("not an RSS or Atom feed");
    assertThatThrownBy(() -> FeedFetcher.parse(bytes("{\"json\": true}"))).isInstanceOf(FeedFetcher.FeedUnavailableException.class);
  }

  @Test
  void onlyHttpFeedsAreFetched() {
    FeedFetcher fetcher = new FeedFetcher(new GuardedHttpClient(new OutboundGuard(List.of()), DataSize.ofMegabytes(5), Duration.ofSeconds(5)));
    assertThatThrownBy(() -> fetcher.fetch("file:///etc/passwd")).hasMessageContaining("only http and https");
  }
}
