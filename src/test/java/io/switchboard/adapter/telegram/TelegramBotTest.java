package io.switchboard.adapter.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.SwitchboardApplication;
import io.switchboard.channel.IngressPublisher;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import io.switchboard.testing.ApiClient;
import io.switchboard.testing.FakeOpenAi;
import io.switchboard.testing.LoopbackServer;
import io.switchboard.testing.FakeTelegram;
import io.switchboard.testing.TestData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Telegram end to end against a loopback fake of the Bot API: two bots polling at once, one bot on a webhook. The
 * adapter code (getUpdates, setWebhook, sendMessage, secret token check) runs unchanged through api-base-url.
 */
@SpringBootTest(
    classes = SwitchboardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "switchboard.routes-dir=" + TelegramBotTest.ROUTES,
      "camel.main.routes-reload-enabled=false",
      "switchboard.egress.redelivery-delay=200"
    })
@DirtiesContext
class TelegramBotTest {

  static final String ONE = "111:one-token";
  static final String TWO = "222:two-token";
  static final String HOOKED = "333:hook-token";
  static final String SECRET = "hook_secret-123";
  static final FakeOpenAi MODEL = LoopbackServer.start(FakeOpenAi::new);
  static final FakeTelegram TELEGRAM = LoopbackServer.start(FakeTelegram::new);

  static final String ROUTES = "target/test-routes/telegram";

  static {
    TestData.routesWithTheWelcome(ROUTES); // the shipped welcome enabled, before the context starts
  }

  @LocalServerPort int port;

  @Autowired ApplicationContext applicationContext;
  final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    TestData.freshDataDirectory(registry, "telegram");
    registry.add("switchboard.llm.base-url", MODEL::baseUrl);
    bot(registry, 0, "tg-one", "polling", ONE);
    bot(registry, 1, "tg-two", "polling", TWO);
    bot(registry, 2, "tg-hook", "webhook", HOOKED);
    registry.add("switchboard.bots[2].config.webhook-url", () -> "https://bots.example.org/webhooks/tg-hook");
    registry.add("switchboard.bots[2].config.webhook-secret", () -> SECRET);
    // bot two's conversations talk to an agent of their own
    registry.add("switchboard.bots[1].agent", () -> "greeter");
    registry.add("switchboard.agents.greeter.system-prompt", () -> "You greet people warmly.");
  }

  static void bot(DynamicPropertyRegistry registry, int i, String id, String mode, String token) {
    registry.add("switchboard.bots[" + i + "].id", () -> id);
    registry.add("switchboard.bots[" + i + "].adapter", () -> "telegram");
    registry.add("switchboard.bots[" + i + "].mode", () -> mode);
    registry.add("switchboard.bots[" + i + "].config.token", () -> token);
    registry.add("switchboard.bots[" + i + "].config.api-base-url", TELEGRAM::url);
    registry.add("switchboard.bots[" + i + "].config.poll-timeout", () -> "1");
    registry.add("switchboard.bots[" + i + "].config.max-per-chat-per-second", () -> "50");
  }

  @BeforeEach
  void reset() {
    TELEGRAM.blocking(true);
  }

  @Test
  void twoPollingBotsAnswerTheirOwnChatsWithATypingActionFirst() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    TELEGRAM.userWrites(ONE, 5001, "private", "hello one " + tag);
    TELEGRAM.userWrites(TWO, 5002, "private", "hello two " + tag);

    await().atMost(Duration.ofSeconds(30)).until(() -> !TELEGRAM.sentTo(ONE, "hello one " + tag).isEmpty() && !TELEGRAM.sentTo(TWO, "hello two " + tag).isEmpty());
    JsonNode one = TELEGRAM.sentTo(ONE, tag).get(0).body();
    assertThat(one.path("chat_id").asText()).isEqualTo("5001");
    assertThat(one.path("text").asText()).isEqualTo("echo: hello one " + tag);
    assertThat(one.path("parse_mode").asText()).isEqualTo("HTML");
    assertThat(TELEGRAM.sentTo(TWO, tag)).hasSize(1);
    // each bot's conversations talk to its agent: bot two's to greeter, bot one's to default
    assertThat(MODEL.requestsFor("hello two " + tag).get(0).messages().get(0)).containsEntry("content", "You greet people warmly.");
    assertThat(MODEL.requestsFor("hello one " + tag).get(0).messages().get(0)).doesNotContainEntry("content", "You greet people warmly.");
    assertThat(TELEGRAM.calls("sendChatAction")).anySatisfy(c -> assertThat(c.body().path("chat_id").asText()).isEqualTo("5001"));
  }

  @Test
  void theWebhookIsRegisteredWithItsSecretCheckedAndARetryAnsweredOnce() throws Exception {
    assertThat(TELEGRAM.calls("setWebhook")).anySatisfy(c -> {
      assertThat(c.token()).isEqualTo(HOOKED);
      assertThat(c.body().path("url").asText()).isEqualTo("https://bots.example.org/webhooks/tg-hook");
      assertThat(c.body().path("secret_token").asText()).isEqualTo(SECRET);
    });

    String tag = UUID.randomUUID().toString().substring(0, 8);
    ObjectNode forged = TELEGRAM.update(6001, "private", "forged " + tag);
    assertThat(postUpdate(forged, "wrong-secret").statusCode()).isEqualTo(401);

    ObjectNode update = TELEGRAM.update(6001, "private", "hooked " + tag);
    assertThat(postUpdate(update, SECRET).statusCode()).isEqualTo(202);
    assertThat(postUpdate(update, SECRET).statusCode()).isEqualTo(202); // Telegram retrying the same update
    ObjectNode after = TELEGRAM.update(6001, "private", "after " + tag);
    postUpdate(after, SECRET);

    await().atMost(Duration.ofSeconds(30)).until(() -> !TELEGRAM.sentTo(HOOKED, "after " + tag).isEmpty());
    assertThat(TELEGRAM.sentTo(HOOKED, "hooked " + tag)).hasSize(1);
    assertThat(MODEL.requestsFor("forged " + tag)).isEmpty();
  }

  @Test
  void inGroupsOnlyMentionsOfTheBotAreAnswered() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    TELEGRAM.userWrites(ONE, -100123, "group", "just chatting " + tag);
    TELEGRAM.userWrites(ONE, -100123, "group", "@switchboard_test_bot question " + tag);
    await().atMost(Duration.ofSeconds(30)).until(() -> !TELEGRAM.sentTo(ONE, "question " + tag).isEmpty());
    assertThat(TELEGRAM.sentTo(ONE, "question " + tag).get(0).body().path("text").asText()).isEqualTo("echo: question " + tag);
    assertThat(TELEGRAM.sentTo(ONE, "just chatting " + tag)).isEmpty();
    assertThat(MODEL.requestsFor("just chatting " + tag)).isEmpty();
  }

  @Test
  void membersJoiningAGroupAreWelcomedByTheOperatorsRouteAndNoModelIsAsked() {
    long group = -100000 - Math.abs(UUID.randomUUID().getMostSignificantBits() % 100000);
    int modelCalls = MODEL.requests().size();
    // the bot itself is in the list too: its own arrival is my_chat_member's, not a member to welcome
    TELEGRAM.membersJoin(ONE, group, new java.util.LinkedHashMap<>(Map.of(9001L, "Bo", 777L, "SB")));
    await().atMost(Duration.ofSeconds(30)).until(() -> !TELEGRAM.sentTo(ONE, "Welcome, Bo!").isEmpty());
    JsonNode welcome = TELEGRAM.sentTo(ONE, "Welcome, Bo!").get(0).body();
    assertThat(welcome.path("chat_id").asText()).isEqualTo(String.valueOf(group));
    assertThat(welcome.path("text").asText()).isEqualTo("Welcome, Bo! Mention me with a question, or send /help to see what I can do.");
    // once, for Bo only; not from a model, and not in the group's history
    TELEGRAM.userWrites(ONE, group, "supergroup", "@switchboard_test_bot after the welcome");
    await().atMost(Duration.ofSeconds(30)).until(() -> !TELEGRAM.sentTo(ONE, "after the welcome").isEmpty());
    assertThat(TELEGRAM.sentTo(ONE, "Welcome,")).hasSize(1);
    assertThat(MODEL.requests().subList(modelCalls, MODEL.requests().size())).extracting(FakeOpenAi.Request::lastUserText)
        .containsExactly("after the welcome");
    assertThat(MODEL.requestsFor("after the welcome").get(0).contents()).noneMatch(text -> text.contains("Welcome"));
  }

  @Test
  void aPrivateChatSeesTheAnswerAsADraftThenOneMessageThatKeepsIt() {
    long chat = 6000 + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1000);
    String tag = UUID.randomUUID().toString().substring(0, 8);
    TELEGRAM.userWrites(ONE, chat, "private", "draft " + tag + " in several words [[token-delay=5]]");
    await().atMost(Duration.ofSeconds(30)).until(() -> !TELEGRAM.sentTo(ONE, "draft " + tag).isEmpty());
    String answer = "echo: draft " + tag + " in several words [[token-delay=5]]";
    assertThat(TELEGRAM.sentTo(ONE, "draft " + tag)).singleElement()
        .satisfies(sent -> assertThat(sent.body().path("text").asText()).isEqualTo(TelegramText.html(answer)));
    // the drafts, all of one answer (one draft id), each the text so far, paced to one a second: the first at once
    List<FakeTelegram.Call> drafts = TELEGRAM.drafts(ONE, chat);
    assertThat(drafts).isNotEmpty();
    assertThat(drafts).extracting(d -> d.body().path("draft_id").asLong()).containsOnly(drafts.get(0).body().path("draft_id").asLong())
        .doesNotContain(0L);
    assertThat(drafts).allSatisfy(d -> assertThat(TelegramText.html(answer)).startsWith(d.body().path("text").asText().strip()));
    assertThat(drafts).hasSizeLessThanOrEqualTo(2); // the answer took well under two seconds
    assertThat(TELEGRAM.messagesIn(chat)).containsExactly(TelegramText.html(answer));
  }

  @Test
  void aGroupSeesTheAnswerWrittenIntoOneMessageEditedInPlace() {
    long group = -200000 - Math.abs(UUID.randomUUID().getMostSignificantBits() % 100000);
    String tag = UUID.randomUUID().toString().substring(0, 8);
    TELEGRAM.userWrites(ONE, group, "group", "@switchboard_test_bot group " + tag + " in several words [[token-delay=5]]");
    String answer = TelegramText.html("echo: group " + tag + " in several words [[token-delay=5]]");
    await().atMost(Duration.ofSeconds(30)).until(() -> TELEGRAM.messagesIn(group).contains(answer));
    // one message in the group: posted with the first words, then edited into the whole answer; no draft, no second post
    assertThat(TELEGRAM.messagesIn(group)).containsExactly(answer);
    assertThat(TELEGRAM.calls("editMessageText")).anySatisfy(edit -> assertThat(edit.body().path("chat_id").asLong()).isEqualTo(group));
    assertThat(TELEGRAM.drafts(ONE, group)).isEmpty();
  }

  @Test
  void aDraftRefusedWithFloodControlIsSkippedAndTheAnswerStillSent() {
    long chat = 7000 + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1000);
    String tag = UUID.randomUUID().toString().substring(0, 8);
    TELEGRAM.userWrites(ONE, chat, "private", "flood " + tag + " [[draft429]] in several words");
    await().atMost(Duration.ofSeconds(30)).until(() -> !TELEGRAM.sentTo(ONE, "flood " + tag).isEmpty());
    assertThat(TELEGRAM.sentTo(ONE, "flood " + tag)).hasSize(1);
    // the first draft met 429 (retry after 2 s): none after it in this answer, which took less
    assertThat(TELEGRAM.drafts(ONE, chat)).hasSize(1);
  }

  @Test
  void floodControlIsWaitedOutAndABlockedChatIsDeadLetteredForReplay() {
    String slow = "slow " + UUID.randomUUID() + " [[429]]";
    TELEGRAM.userWrites(TWO, 7001, "private", slow);
    await().atMost(Duration.ofSeconds(30)).until(() -> TELEGRAM.sentTo(TWO, slow).size() == 2);

    String blocked = "blocked " + UUID.randomUUID() + " [[blocked]]";
    TELEGRAM.userWrites(TWO, 7002, "private", blocked);
    ApiClient api = ApiClient.of(port, applicationContext);
    JsonNode letter = await().atMost(Duration.ofSeconds(30)).until(() -> api.deadLetterFor(blocked), l -> l != null);
    assertThat(letter.path("reason").asText()).contains("403").contains("bot was blocked by the user");
    assertThat(TELEGRAM.sentTo(TWO, blocked)).hasSize(1);

    TELEGRAM.blocking(false);
    assertThat(api.post("/api/v1/dead-letters/" + letter.path("id").asText() + "/replay", Map.of()).status()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> TELEGRAM.sentTo(TWO, blocked).size() == 2);
  }

  @Test
  void aLongReplyIsSplitBelowTelegramsLimit() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String paragraph = "word ".repeat(300).strip();
    String longText = tag + " " + String.join("\n\n", java.util.Collections.nCopies(6, paragraph));
    TELEGRAM.userWrites(ONE, 8001, "private", longText);
    await().atMost(Duration.ofSeconds(30)).until(() -> TELEGRAM.calls("sendMessage").stream()
        .filter(c -> c.body().path("chat_id").asText().equals("8001")).count() >= 3);
    List<String> parts = TELEGRAM.calls("sendMessage").stream()
        .filter(c -> c.body().path("chat_id").asText().equals("8001")).map(c -> c.body().path("text").asText()).toList();
    assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(TelegramText.LIMIT));
    assertThat(String.join("\n\n", parts)).isEqualTo("echo: " + longText);
  }

  @Test
  void filesUsersSentAreDownloadedThroughGetFileOnDemand() throws Exception {
    ApiClient api = ApiClient.of(port, applicationContext);
    // users' files are for the operator (and integrations holding the operator's credentials), not for anyone
    assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/bots/tg-one/files/doc-1")).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
    HttpResponse<byte[]> file = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/bots/tg-one/files/doc-1"))
            .header("Authorization", api.operatorAuthorization()).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(new String(file.body())).isEqualTo("content of /file/bot" + ONE + "/documents/doc-1.pdf");
    assertThat(file.headers().firstValue("Content-Type")).contains("application/pdf");
    assertThat(file.headers().firstValue("Content-Disposition").orElse("")).contains("doc-1.pdf");

    assertThat(api.get("/api/v1/bots/tg-one/files/unknown").status()).isEqualTo(404);
    assertThat(api.get("/api/v1/bots/nobody/files/doc-1").status()).isEqualTo(404);
  }

  // ---- helpers ----

  HttpResponse<String> postUpdate(JsonNode update, String secret) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/tg-hook"))
            .header("Content-Type", "application/json")
            .header(TelegramSource.SECRET_HEADER, secret)
            .POST(HttpRequest.BodyPublishers.ofString(update.toString()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }


}
