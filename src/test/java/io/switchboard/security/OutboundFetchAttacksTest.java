package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Making the server fetch what the attacker cannot reach: loopback services, the cloud metadata address, a private
 * network; directly, or through a redirect from a server that is allowed. Only the fake feed server's exact port is
 * on this application's allow-list.
 */
class OutboundFetchAttacksTest extends SecurityTestContext {

  @Test
  void aUsersFeedUrlCannotReachLoopbackPrivateOrMetadataAddresses() throws Exception {
    String chat = "ssrf-" + tag();
    for (String target : new String[] {MODEL.baseUrl() + "/models", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/feed",
        "http://localhost:" + api.managementPort() + "/actuator/env", "http://[::1]:" + port + "/api/v1/dead-letters"}) {
      webhook(chat, "u1", "sub rss " + target);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> repliesIn(chat).size() == 5);
    assertThat(repliesIn(chat)).allSatisfy(reply -> assertThat(reply).contains("refused").contains("not a public address")
        .doesNotContain("Exception").doesNotContain("\"status\"").doesNotContain("echo"));
    assertThat(MODEL.requestsFor("/models")).isEmpty();
  }

  @Test
  void aRedirectFromAnAllowedServerToAnotherAddressIsCheckedAgain() {
    String hidden = "http://localhost:" + port + "/livez";
    var refused = api.post("/api/v1/subscriptions", Map.of(
        "source", "rss:" + FEEDS.url("/redirect?to=" + URLEncoder.encode(hidden, StandardCharsets.UTF_8)), "target", "http:hb:redir-" + tag()));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().path("error").asText()).contains("refused: localhost is not a public address");
  }

  @Test
  void failuresSayWhatWentWrongWithoutEchoingTheServer() {
    var notFound = api.post("/api/v1/subscriptions", Map.of("source", "rss:" + FEEDS.url("/missing.xml"), "target", "http:hb:e-" + tag()));
    assertThat(notFound.body().path("error").asText()).endsWith(": HTTP 404").doesNotContain("not found");
    FEEDS.failing("/rss.xml", true);
    try {
      var crashed = api.post("/api/v1/subscriptions", Map.of("source", "rss:" + FEEDS.url("/rss.xml"), "target", "http:hb:e-" + tag()));
      assertThat(crashed.body().path("error").asText()).endsWith(": HTTP 500").doesNotContain("feed generator crashed");
    } finally {
      FEEDS.failing("/rss.xml", false);
    }
    var page = api.post("/api/v1/subscriptions", Map.of("source", "rss:" + FEEDS.url("/page.html"), "target", "http:hb:e-" + tag()));
    assertThat(page.body().path("error").asText()).endsWith(": not an RSS or Atom feed").doesNotContain("Just a page");
  }

  @Test
  void anOwnKeyEndpointCannotPointTheServerAtAPrivateAddress() throws Exception {
    String chat = "byok-" + tag();
    webhook(chat, "u-" + chat, "key set sk-attacker-0000 " + MODEL.baseUrl());
    await().atMost(Duration.ofSeconds(30)).until(() -> !repliesIn(chat).isEmpty());
    assertThat(repliesIn(chat).get(0)).contains("cannot be used").contains("not a public address").contains("not saved");
    webhook(chat, "u-" + chat, "key show");
    await().atMost(Duration.ofSeconds(30)).until(() -> repliesIn(chat).size() == 2);
    assertThat(repliesIn(chat).get(1)).doesNotContain(MODEL.baseUrl());
    // the key typed is masked in the history all the same
    assertThat(history("http:hb:" + chat)).noneMatch(line -> line.contains("sk-attacker-0000"));
  }
}
