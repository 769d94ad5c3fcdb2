package io.switchboard.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.SwitchboardApplication;
import io.switchboard.testing.FakeOpenAi;
import io.switchboard.testing.FakeSlack;
import io.switchboard.testing.LoopbackServer;
import io.switchboard.testing.TestData;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Slack Socket Mode end to end: envelopes over a loopback WebSocket in, chat.postMessage out. */
@SpringBootTest(
    classes = SwitchboardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"switchboard.routes-dir=target/test-routes/slack-socket", "camel.main.routes-reload-enabled=false"})
@DirtiesContext
class SlackSocketModeTest {

  static final FakeOpenAi MODEL = LoopbackServer.start(FakeOpenAi::new);
  static final FakeSlack SLACK = LoopbackServer.start(FakeSlack::new);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    TestData.freshDataDirectory(registry, "slack-socket");
    registry.add("switchboard.llm.base-url", MODEL::baseUrl);
    registry.add("switchboard.bots[0].id", () -> "ss");
    registry.add("switchboard.bots[0].adapter", () -> "slack");
    registry.add("switchboard.bots[0].mode", () -> "socket");
    registry.add("switchboard.bots[0].config.bot-token", () -> "xoxb-socket-token");
    registry.add("switchboard.bots[0].config.app-token", () -> "xapp-1-socket-token");
    registry.add("switchboard.bots[0].config.api-base-url", SLACK::apiUrl);
    registry.add("switchboard.bots[0].config.max-per-chat-per-second", () -> "50");
  }

  @Test
  void eventsArriveOverTheSocketAreAckedAndAnsweredOnceAcrossRetriesAndRefreshes() throws Exception {
    await().atMost(Duration.ofSeconds(30)).until(() -> SLACK.socket().openConnections() == 1);
    assertThat(SLACK.socket().requests().get(0)).isEqualTo("/link/?ticket=t-1");
    SLACK.socket().send("{\"type\":\"hello\",\"num_connections\":1}");

    String tag = UUID.randomUUID().toString().substring(0, 8);
    String ts = "1767225700." + Math.abs(tag.hashCode() % 1000000);
    String mention = FakeSlack.eventCallback("app_mention", "C9", "channel", ts, "<@U0BOT> socket " + tag);
    SLACK.socket().send(envelope("e1-" + tag, mention, 0));
    await().atMost(Duration.ofSeconds(30)).until(() -> !SLACK.posted("socket " + tag).isEmpty());
    await().atMost(Duration.ofSeconds(10)).until(() -> SLACK.socket().received().contains("{\"envelope_id\":\"e1-" + tag + "\"}"));

    // Slack retries an envelope it thinks unacknowledged: acknowledged again, answered once
    SLACK.socket().send(envelope("e2-" + tag, mention, 1));
    await().atMost(Duration.ofSeconds(10)).until(() -> SLACK.socket().received().contains("{\"envelope_id\":\"e2-" + tag + "\"}"));

    // Slack refreshing the connection: a new one is opened, and events go on
    SLACK.socket().send("{\"type\":\"disconnect\",\"reason\":\"refresh_requested\"}");
    await().atMost(Duration.ofSeconds(30)).until(() -> SLACK.socketsOpened() >= 2 && SLACK.socket().openConnections() == 1);
    String after = "after " + tag;
    SLACK.socket().send(envelope("e3-" + tag, FakeSlack.eventCallback("message", "D9", "im", "1767225701.1", after), 0));
    await().atMost(Duration.ofSeconds(30)).until(() -> !SLACK.posted(after).isEmpty());

    assertThat(SLACK.posted("socket " + tag)).hasSize(1);
    assertThat(SLACK.posted("socket " + tag).get(0).body().path("thread_ts").asText()).isEqualTo(ts);
    assertThat(SLACK.posted("socket " + tag).get(0).authorization()).isEqualTo("Bearer xoxb-socket-token");

    // a button press arrives as an interactive envelope: acknowledged, and read as its command from the user who pressed
    String press = "{\"envelope_id\":\"i1-" + tag + "\",\"type\":\"interactive\",\"accepts_response_payload\":false,\"payload\":"
        + FakeSlack.buttonPayload("U123", "D9", null, "/cancel zz" + tag) + "}";
    SLACK.socket().send(press);
    await().atMost(Duration.ofSeconds(30)).until(() -> !SLACK.posted("There is no confirmation \"zz" + tag).isEmpty());
    assertThat(SLACK.posted("There is no confirmation \"zz" + tag).get(0).body().path("channel").asText()).isEqualTo("D9");
    assertThat(SLACK.socket().received()).contains("{\"envelope_id\":\"i1-" + tag + "\"}");
  }

  static String envelope(String envelopeId, String payload, int retry) {
    return "{\"envelope_id\":\"" + envelopeId + "\",\"type\":\"events_api\",\"accepts_response_payload\":false,\"retry_attempt\":" + retry
        + ",\"retry_reason\":\"\",\"payload\":" + payload + "}";
  }
}
