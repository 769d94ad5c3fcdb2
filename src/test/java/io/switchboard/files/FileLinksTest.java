package io.switchboard.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Links to stored files open exactly the file, name and type they were made for, until they expire. */
class FileLinksTest {

  static final String SHA = "a".repeat(64);
  static final FileRef FILE = new FileRef("report 1.csv", "text/csv", SHA, 12);
  static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

  final FileLinks links = new FileLinks("link-secret", "https://bot.example.org/", Duration.ofDays(7), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void aLinkIsAbsoluteUnderThePublicUrlAndResolvesToItsFile() {
    String link = links.link(FILE);
    assertThat(link).startsWith("https://bot.example.org/files/" + SHA + "/report%201.csv?type=text%2Fcsv&expires="
        + NOW.plus(Duration.ofDays(7)).getEpochSecond() + "&signature=");
    assertThat(links.resolve(link)).contains(new FileRef("report 1.csv", "text/csv", SHA, -1));
    assertThat(links.part(FILE).type()).isEqualTo("file");
    assertThat(links.part(new FileRef("plot.png", "image/png", SHA, 1)).type()).isEqualTo("image");
    assertThat(links.part(new FileRef("plot.svg", "image/svg+xml", SHA, 1)).type()).as("scripts can ride in SVG").isEqualTo("file");
  }

  @Test
  void anAlteredOrExpiredOrForeignLinkOpensNothing() {
    String link = links.link(FILE);
    long expires = NOW.plus(Duration.ofDays(7)).getEpochSecond();
    String signature = link.substring(link.indexOf("signature=") + "signature=".length());
    assertThat(links.refusal(SHA, "report 1.csv", "text/csv", expires, signature)).isEmpty();
    assertThat(links.refusal(SHA, "report 1.html", "text/csv", expires, signature)).contains("the link's signature does not match");
    assertThat(links.refusal(SHA, "report 1.csv", "text/html", expires, signature)).contains("the link's signature does not match");
    assertThat(links.refusal("b".repeat(64), "report 1.csv", "text/csv", expires, signature)).contains("the link's signature does not match");
    assertThat(links.refusal(SHA, "report 1.csv", "text/csv", expires + 3600, signature)).contains("the link's signature does not match");

    FileLinks later = new FileLinks("link-secret", "https://bot.example.org", Duration.ofDays(7), Clock.fixed(NOW.plus(Duration.ofDays(8)), ZoneOffset.UTC));
    assertThat(later.refusal(SHA, "report 1.csv", "text/csv", expires, signature)).contains("the link expired");
    assertThat(later.resolve(link)).isEmpty();

    FileLinks otherSecret = new FileLinks("another-secret", "https://bot.example.org", Duration.ofDays(7), Clock.fixed(NOW, ZoneOffset.UTC));
    assertThat(otherSecret.resolve(link)).isEmpty();
    assertThat(links.resolve("https://elsewhere.example.org" + link.substring("https://bot.example.org".length()))).isEmpty();
  }
}
