package io.switchboard.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.SwitchboardApplication;
import io.switchboard.testing.ApiClient;
import io.switchboard.testing.FakeOpenAi;
import io.switchboard.testing.LoopbackServer;
import io.switchboard.testing.FakeSlack;
import io.switchboard.testing.FakeToolApi;
import io.switchboard.testing.TestData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Slack end to end: signed Events API requests in, chat.postMessage out, against a loopback fake of the Web API. */
@SpringBootTest(
    classes = SwitchboardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "switchboard.routes-dir=target/test-routes/slack",
      "camel.main.routes-reload-enabled=false",
      "switchboard.egress.redelivery-delay=200"
    })
@DirtiesContext
class SlackBotTest {

  static final String SIGNING_SECRET = "slack-signing-secret-0001";
  static final FakeOpenAi MODEL = LoopbackServer.start(FakeOpenAi::new);
  static final FakeSlack SLACK = LoopbackServer.start(FakeSlack::new);
  static final FakeToolApi TOOL_API = LoopbackServer.start(FakeToolApi::new);

  @LocalServerPort int port;

  @Autowired ApplicationContext applicationContext;
  final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    TestData.freshDataDirectory(registry, "slack");
    registry.add("switchboard.llm.base-url", MODEL::baseUrl);
    registry.add("switchboard.bots[0].id", () -> "sl");
    registry.add("switchboard.bots[0].adapter", () -> "slack");
    registry.add("switchboard.bots[0].config.bot-token", () -> "xoxb-test-token");
    registry.add("switchboard.bots[0].config.signing-secret", () -> SIGNING_SECRET);
    registry.add("switchboard.bots[0].config.api-base-url", SLACK::apiUrl);
    registry.add("switchboard.bots[0].config.max-per-chat-per-second", () -> "50");
    registry.add("switchboard.agents.default.tools", () -> "forget_city");
    TOOL_API.declareForgetCity(registry);
  }

  @Test
  void aConfirmationIsAskedWithBlockKitButtonsAndOnlyThePressOfTheUserWhoAskedRunsTheCall() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String ts = "1767225700." + Math.abs(tag.hashCode() % 1000000);
    post(FakeSlack.eventCallback("app_mention", "C7", "channel", ts, "<@U0BOT> " + tag + " [[tools=forget_city{\\\"city\\\":\\\"Paris\\\"}]]"), now(), null);
    await().atMost(Duration.ofSeconds(30)).until(() -> !SLACK.posted("forget_city").isEmpty());
    JsonNode question = SLACK.posted("forget_city").get(0).body();
    assertThat(question.path("thread_ts").asText()).isEqualTo(ts);
    JsonNode buttons = question.path("blocks").get(1).path("elements");
    String confirm = buttons.get(0).path("value").asText();
    String id = confirm.substring("/confirm ".length());
    assertThat(buttons.get(0).path("style").asText()).isEqualTo("primary");
    assertThat(buttons.get(1).path("value").asText()).isEqualTo("/cancel " + id);

    // another member of the channel presses it: Slack says who, and it is not the user who asked
    assertThat(postInteraction(FakeSlack.buttonPress("U999", "C7", ts, confirm), now()).statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> !SLACK.posted("There is no confirmation \"" + id).isEmpty());
    assertThat(TOOL_API.requests()).doesNotContain("DELETE /weather/Paris");
    // a forged press is refused before anything else
    assertThat(http.send(interaction(FakeSlack.buttonPress("U123", "C7", ts, confirm), now(), "v0=" + "0".repeat(64)),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);

    assertThat(postInteraction(FakeSlack.buttonPress("U123", "C7", ts, confirm), now()).statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> !SLACK.posted("sunny, 21 C").isEmpty());
    assertThat(SLACK.posted("sunny, 21 C").get(0).body().path("thread_ts").asText()).isEqualTo(ts);
    assertThat(TOOL_API.requests()).containsOnlyOnce("DELETE /weather/Paris");
  }

  @Test
  void theUrlVerificationChallengeIsAnswered() throws Exception {
    HttpResponse<String> response = post("{\"token\":\"t\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}", now(), null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\"}");
  }

  @Test
  void theAnswerIsWrittenIntoOneMessageInItsThreadThenEditedIntoTheWholeAnswer() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String ts = "1767225602." + Math.abs(tag.hashCode() % 1000000);
    String channel = "C" + tag;
    post(FakeSlack.eventCallback("app_mention", channel, "channel", ts, "<@U0BOT> stream " + tag + " in several words [[token-delay=5]]"), now(), null);
    String answer = "echo: stream " + tag + " in several words [[token-delay=5]]";
    await().atMost(Duration.ofSeconds(30)).until(() -> SLACK.posted(tag).stream().anyMatch(c -> c.body().path("text").asText().equals(answer)));
    // one post in the thread (the first words), edited into the answer with chat.update: nothing posted twice
    List<FakeSlack.Call> posts = SLACK.calls("chat.postMessage").stream().filter(c -> c.body().path("channel").asText().equals(channel)).toList();
    assertThat(posts).hasSize(1);
    assertThat(posts.get(0).body().path("thread_ts").asText()).isEqualTo(ts);
    assertThat(answer).startsWith(posts.get(0).body().path("text").asText().strip());
    List<FakeSlack.Call> edits = SLACK.calls("chat.update").stream().filter(c -> c.body().path("channel").asText().equals(channel)).toList();
    assertThat(edits).isNotEmpty().last().satisfies(last -> assertThat(last.body().path("text").asText()).isEqualTo(answer));
    assertThat(edits).allSatisfy(e -> assertThat(e.body().path("ts").asText()).isNotEqualTo(ts)); // the bot's message, not the user's
  }

  @Test
  void anEditMetWithFloodControlPausesTheStreamsEditsAndTheAnswerStillEndsItWhole() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String channel = "E" + tag;
    // a model writing a word every 300 ms: edits at most once a second, the first of them refused with Retry-After 2
    String text = "[[edit429]] slow " + tag + " one two three four five six seven eight nine [[token-delay=300]]";
    post(FakeSlack.eventCallback("app_mention", channel, "channel", "1767225603.000001", "<@U0BOT> " + text), now(), null);
    String answer = "echo: " + text;
    await().atMost(Duration.ofSeconds(30)).until(() -> SLACK.posted(tag).stream().anyMatch(c -> c.body().path("text").asText().equals(answer)));
    List<FakeSlack.Call> edits = SLACK.calls("chat.update").stream().filter(c -> c.body().path("channel").asText().equals(channel)).toList();
    FakeSlack.Call refused = edits.stream().filter(c -> c.body().path("text").asText().contains("[[edit429]]")).findFirst().orElseThrow();
    // no edit of the stream in the two seconds Slack asked for (the reply's own edit came later, after the model)
    assertThat(edits).filteredOn(c -> c.at() > refused.at() && c.at() < refused.at() + 1_900_000_000L).isEmpty();
    assertThat(SLACK.calls("chat.postMessage").stream().filter(c -> c.body().path("channel").asText().equals(channel))).hasSize(1);
    assertThat(edits.get(edits.size() - 1).body().path("text").asText()).isEqualTo(answer);
  }

  @Test
  void aMentionIsAnsweredInItsThreadOnceEvenWhenSlackRetries() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String ts = "1767225600." + Math.abs(tag.hashCode() % 1000000);
    String mention = FakeSlack.eventCallback("app_mention", "C1", "channel", ts, "<@U0BOT> summarise " + tag);
    assertThat(post(mention, now(), null).statusCode()).isEqualTo(200);
    assertThat(post(mention, now(), "1").statusCode()).isEqualTo(200); // X-Slack-Retry-Num: 1
    // the message event Slack also sends for the same message
    post(FakeSlack.eventCallback("message", "C1", "channel", ts, "<@U0BOT> summarise " + tag), now(), null);
    String after = "after " + tag;
    post(FakeSlack.eventCallback("message", "D1", "im", "1767225601." + Math.abs(tag.hashCode() % 1000), after), now(), null);

    await().atMost(Duration.ofSeconds(30)).until(() -> !SLACK.posted(after).isEmpty());
    List<FakeSlack.Call> replies = SLACK.posted("summarise " + tag);
    assertThat(replies).hasSize(1);
    JsonNode reply = replies.get(0).body();
    assertThat(reply.path("channel").asText()).isEqualTo("C1");
    assertThat(reply.path("thread_ts").asText()).isEqualTo(ts);
    assertThat(reply.path("text").asText()).isEqualTo("echo: summarise " + tag);
    assertThat(replies.get(0).authorization()).isEqualTo("Bearer xoxb-test-token");
    assertThat(SLACK.posted(after).get(0).body().has("thread_ts")).isFalse(); // a direct message: no thread
  }

  @Test
  void forgedAndStaleRequestsAreRefusedAndChannelChatterIsIgnored() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String forged = FakeSlack.eventCallback("message", "D2", "im", "1767225602.1", "forged " + tag);
    HttpResponse<String> bad = http.send(request(forged, now(), "v0=" + "0".repeat(64), null), HttpResponse.BodyHandlers.ofString());
    assertThat(bad.statusCode()).isEqualTo(401);
    String stale = FakeSlack.eventCallback("message", "D2", "im", "1767225602.2", "stale " + tag);
    assertThat(post(stale, String.valueOf(Instant.now().getEpochSecond() - 400), null).statusCode()).isEqualTo(401);
    post(FakeSlack.eventCallback("message", "C2", "channel", "1767225602.3", "chatter " + tag), now(), null);

    String valid = "valid " + tag;
    post(FakeSlack.eventCallback("message", "C2", "channel", "1767225602.4", "<@U0BOT> " + valid), now(), null);
    await().atMost(Duration.ofSeconds(30)).until(() -> !SLACK.posted(valid).isEmpty());
    assertThat(MODEL.requestsFor("forged " + tag)).isEmpty();
    assertThat(MODEL.requestsFor("stale " + tag)).isEmpty();
    assertThat(MODEL.requestsFor("chatter " + tag)).isEmpty();
  }

  @Test
  void rateLimitedPostsAreRetriedAndAMissingChannelIsDeadLettered() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String slow = "slow " + tag + " [[429]]";
    post(FakeSlack.eventCallback("message", "D3", "im", "1767225603.1", slow), now(), null);
    await().atMost(Duration.ofSeconds(30)).until(() -> SLACK.posted(slow).size() == 2);

    String gone = "gone " + tag + " [[gone]]";
    post(FakeSlack.eventCallback("message", "D4", "im", "1767225603.2", gone), now(), null);
    ApiClient api = ApiClient.of(port, applicationContext);
    JsonNode letter = await().atMost(Duration.ofSeconds(30)).until(() -> api.deadLetterFor(gone), l -> l != null);
    assertThat(letter.path("reason").asText()).contains("channel_not_found");
    assertThat(letter.path("failedIn").asText()).isEqualTo("slack-sink-sl");
  }

  // ---- helpers ----

  HttpResponse<String> post(String body, String timestamp, String retryNum) throws IOException, InterruptedException {
    return http.send(request(body, timestamp, SlackSignature.sign(SIGNING_SECRET, timestamp, body), retryNum), HttpResponse.BodyHandlers.ofString());
  }

  HttpRequest request(String body, String timestamp, String signature, String retryNum) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/sl"))
            .header("Content-Type", "application/json")
            .header(SlackSignature.TIMESTAMP_HEADER, timestamp)
            .header(SlackSignature.SIGNATURE_HEADER, signature)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (retryNum != null) {
      request.header("X-Slack-Retry-Num", retryNum).header("X-Slack-Retry-Reason", "http_timeout");
    }
    return request.build();
  }

  HttpResponse<String> postInteraction(String form, String timestamp) throws IOException, InterruptedException {
    return http.send(interaction(form, timestamp, SlackSignature.sign(SIGNING_SECRET, timestamp, form)), HttpResponse.BodyHandlers.ofString());
  }

  HttpRequest interaction(String form, String timestamp, String signature) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/sl"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header(SlackSignature.TIMESTAMP_HEADER, timestamp)
        .header(SlackSignature.SIGNATURE_HEADER, signature)
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
  }

  static String now() {
    return String.valueOf(Instant.now().getEpochSecond());
  }


}
