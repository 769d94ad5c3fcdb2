package io.switchboard.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.SwitchboardApplication;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.testing.FakeCallback;
import io.switchboard.testing.FakeFeeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Feed items already delivered are not delivered again after a restart; items published meanwhile are. */
class FeedRestartTest {

  @Test
  void aRestartDeliversNothingTwice() throws Exception {
    Path data = Files.createTempDirectory("switchboard-feed-restart-");
    try (FakeFeeds feeds = new FakeFeeds(); FakeCallback callback = new FakeCallback()) {
      feeds.publishRss(new FakeFeeds.Item("a", "Item A", "http://restart.test/a", "before the subscription"));
      try (ConfigurableApplicationContext first = start(data, callback)) {
        first.getBean(SubscriptionService.class)
            .subscribeRss(new ConversationKey("http", "hb", "room"), "private", feeds.url("/rss.xml"), Duration.ofSeconds(1), false, "test");
        feeds.publishRss(new FakeFeeds.Item("b", "Item B", "http://restart.test/b", "while running"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !callback.deliveredFor("Item B").isEmpty());
      }
      feeds.publishRss(new FakeFeeds.Item("c", "Item C", "http://restart.test/c", "while stopped"));
      try (ConfigurableApplicationContext second = start(data, callback)) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !callback.deliveredFor("Item C").isEmpty());
        int fetched = feeds.fetches();
        await().atMost(Duration.ofSeconds(30)).until(() -> feeds.fetches() >= fetched + 2);
      }
      assertThat(callback.deliveredFor("Item A")).isEmpty();
      assertThat(callback.deliveredFor("Item B")).hasSize(1);
      assertThat(callback.deliveredFor("Item C")).hasSize(1);
    }
  }

  private static ConfigurableApplicationContext start(Path data, FakeCallback callback) {
    return new SpringApplicationBuilder(SwitchboardApplication.class)
        .run(
            "--server.port=0",
            "--switchboard.data-dir=" + data,
            "--switchboard.routes-dir=" + data.resolve("routes"),
            "--camel.main.routes-reload-enabled=false",
            "--spring.jmx.enabled=false",
            "--switchboard.feeds.min-interval=1s",
            "--switchboard.feeds.poll-tick=300ms",
            "--switchboard.outbound.allow=127.0.0.1",
            "--management.server.port=0",
            "--switchboard.bots[0].id=hb",
            "--switchboard.bots[0].adapter=http",
            "--switchboard.bots[0].config.secret=restart-secret",
            "--switchboard.bots[0].config.callback-url=" + callback.url());
  }
}
