package io.switchboard.adapter.feishu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.SwitchboardApplication;
import io.switchboard.testing.ApiClient;
import io.switchboard.testing.FakeFeishu;
import io.switchboard.testing.FakeToolApi;
import io.switchboard.testing.FakeOpenAi;
import io.switchboard.testing.LoopbackServer;
import io.switchboard.testing.TestData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Feishu end to end, one bot in plain mode and one with an Encrypt Key, against a loopback fake of the open API. */
@SpringBootTest(
    classes = SwitchboardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "switchboard.routes-dir=" + FeishuBotTest.ROUTES,
      "camel.main.routes-reload-enabled=false",
      "switchboard.egress.redelivery-delay=100",
      "switchboard.egress.max-redeliveries=2"
    })
@DirtiesContext
class FeishuBotTest {

  static final String ROUTES = "target/test-routes/feishu";

  static {
    TestData.routesWithTheWelcome(ROUTES); // the shipped welcome enabled, before the context starts
  }
  static final String TOKEN = "verification-token-1";
  static final String ENCRYPT_KEY = "encrypt key 0001";
  static final FakeOpenAi MODEL = LoopbackServer.start(FakeOpenAi::new);
  static final FakeFeishu FEISHU = LoopbackServer.start(FakeFeishu::new);
  static final FakeToolApi TOOL_API = LoopbackServer.start(FakeToolApi::new);

  @LocalServerPort int port;

  @Autowired ApplicationContext applicationContext;
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    TestData.freshDataDirectory(registry, "feishu");
    registry.add("switchboard.llm.base-url", MODEL::baseUrl);
    for (int i = 0; i < 2; i++) {
      int n = i;
      registry.add("switchboard.bots[" + n + "].id", () -> n == 0 ? "fs" : "fs-secure");
      registry.add("switchboard.bots[" + n + "].adapter", () -> "feishu");
      registry.add("switchboard.bots[" + n + "].config.app-id", () -> "cli_test");
      registry.add("switchboard.bots[" + n + "].config.app-secret", () -> "app-secret");
      registry.add("switchboard.bots[" + n + "].config.verification-token", () -> TOKEN);
      registry.add("switchboard.bots[" + n + "].config.api-base-url", FEISHU::url);
      registry.add("switchboard.bots[" + n + "].config.max-per-chat-per-second", () -> "50");
    }
    registry.add("switchboard.bots[1].config.encrypt-key", () -> ENCRYPT_KEY);
    registry.add("switchboard.agents.default.tools", () -> "forget_city");
    TOOL_API.declareForgetCity(registry);
  }

  @Test
  void aConfirmationIsAskedOnACardAndOnlyThePressOfTheUserWhoAskedRunsTheCall() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String mention = "[{\"key\":\"@_user_1\",\"id\":{\"open_id\":\"ou_bot\"},\"name\":\"Bot\"}]";
    post("fs", event("om_c_" + tag, "oc_cards", "group", "@_user_1 " + tag + " [[tools=forget_city{\\\\\\\"city\\\\\\\":\\\\\\\"Paris\\\\\\\"}]]", mention,
        "evc-" + tag), Map.of());
    await().atMost(Duration.ofSeconds(30)).until(() -> !FEISHU.sent("forget_city").isEmpty());
    FakeFeishu.Call question = FEISHU.sent("forget_city").get(0);
    assertThat(question.path()).isEqualTo("/open-apis/im/v1/messages/om_c_" + tag + "/reply");
    assertThat(question.body().path("msg_type").asText()).isEqualTo("interactive");
    JsonNode buttons = json.readTree(question.body().path("content").asText()).path("elements").get(1).path("actions");
    String confirm = buttons.get(0).path("value").path("command").asText();
    String id = confirm.substring("/confirm ".length());
    assertThat(buttons.get(0).path("type").asText()).isEqualTo("primary");
    assertThat(buttons.get(1).path("value").path("command").asText()).isEqualTo("/cancel " + id);

    // another member of the group presses it: Feishu names the operator, and it is not the user who asked
    assertThat(post("fs", cardAction("ou_other", "oc_cards", "om_card_" + tag, confirm, "eva-" + tag), Map.of()).statusCode()).isEqualTo(200);
    // the refusal answers under the card (in the bot's default language, zh here, naming the id)
    String card = "/open-apis/im/v1/messages/om_card_" + tag + "/reply";
    await().atMost(Duration.ofSeconds(30)).until(() -> FEISHU.sent(id).stream().anyMatch(call -> call.path().equals(card)));
    assertThat(TOOL_API.requests()).doesNotContain("DELETE /weather/Paris");

    assertThat(post("fs", cardAction("ou_user", "oc_cards", "om_card_" + tag, confirm, "evb-" + tag), Map.of()).statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> !FEISHU.sent("sunny, 21 C").isEmpty());
    assertThat(TOOL_API.requests()).containsOnlyOnce("DELETE /weather/Paris");
  }

  @Test
  void aMemberAddedToAChatIsWelcomedInTheChatNotAsAReply() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String added = """
        {"schema": "2.0", "header": {"event_id": "evm-%s", "event_type": "im.chat.member.user.added_v1", "create_time": "1767225600000",
         "token": "%s", "app_id": "cli_test", "tenant_key": "tk"},
         "event": {"chat_id": "oc_team_%s", "operator_id": {"open_id": "ou_admin"}, "external": false, "name": "Team",
                   "users": [{"name": "Bo %s", "tenant_key": "tk", "user_id": {"open_id": "ou_bo"}}]}}""".formatted(tag, TOKEN, tag, tag);
    assertThat(post("fs", added, Map.of()).statusCode()).isEqualTo(200);
    assertThat(post("fs", added, Map.of()).statusCode()).isEqualTo(200); // Feishu re-pushes: welcomed once
    await().atMost(Duration.ofSeconds(30)).until(() -> !FEISHU.sent("Welcome, Bo " + tag).isEmpty());
    FakeFeishu.Call welcome = FEISHU.sent("Welcome, Bo " + tag).get(0);
    assertThat(welcome.path()).isEqualTo("/open-apis/im/v1/messages?receive_id_type=chat_id");
    assertThat(welcome.body().path("receive_id").asText()).isEqualTo("oc_team_" + tag);
    // the next message's turn, in the same chat, comes after the welcome: had it been sent twice, it would be there
    String mention = "[{\"key\":\"@_user_1\",\"id\":{\"open_id\":\"ou_bot\"},\"name\":\"Bot\"}]";
    post("fs", event("om_after_" + tag, "oc_team_" + tag, "group", "@_user_1 after " + tag, mention, "eva2-" + tag), Map.of());
    await().atMost(Duration.ofSeconds(30)).until(() -> !FEISHU.sent("after " + tag).isEmpty());
    assertThat(FEISHU.sent("Welcome, Bo " + tag)).hasSize(1);
  }

  @Test
  void theChallengeIsAnsweredPlainAndEncrypted() throws Exception {
    String challenge = "{\"challenge\":\"ajls384kdjx98XX\",\"token\":\"" + TOKEN + "\",\"type\":\"url_verification\"}";
    assertThat(post("fs", challenge, Map.of()).body()).isEqualTo("{\"challenge\":\"ajls384kdjx98XX\"}");
    String encrypted = "{\"encrypt\":\"" + FeishuCrypto.encrypt(ENCRYPT_KEY, challenge) + "\"}";
    assertThat(post("fs-secure", encrypted, Map.of()).body()).isEqualTo("{\"challenge\":\"ajls384kdjx98XX\"}");
    String wrongToken = challenge.replace(TOKEN, "guessed");
    assertThat(post("fs", wrongToken, Map.of()).statusCode()).isEqualTo(401);
  }

  @Test
  void aMessageIsRepliedToOnceHoweverOftenFeishuRepushesIt() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String event = event("om_" + tag, "oc_chat1", "p2p", "hello " + tag, "[]", "ev-" + tag);
    for (int push = 0; push < 4; push++) {
      assertThat(post("fs", event.replace("ev-" + tag, "ev-" + tag + "-" + push), Map.of()).statusCode()).isEqualTo(200);
    }
    String after = event("om_after_" + tag, "oc_chat1", "p2p", "after " + tag, "[]", "ev2-" + tag);
    post("fs", after, Map.of());
    await().atMost(Duration.ofSeconds(30)).until(() -> !FEISHU.sent("after " + tag).isEmpty());
    assertThat(FEISHU.sent("hello " + tag)).hasSize(1);
    FakeFeishu.Call reply = FEISHU.sent("hello " + tag).get(0);
    assertThat(reply.path()).isEqualTo("/open-apis/im/v1/messages/om_" + tag + "/reply");
    assertThat(reply.body().path("msg_type").asText()).isEqualTo("text");
    assertThat(json.readTree(reply.body().path("content").asText()).path("text").asText()).isEqualTo("echo: hello " + tag);
  }

  @Test
  void encryptedEventsNeedAValidSignature() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String mention = "[{\"key\":\"@_user_1\",\"id\":{\"open_id\":\"ou_bot\"},\"name\":\"Bot\"}]";
    String plain = event("om_s_" + tag, "oc_group", "group", "@_user_1 secured " + tag, mention, "evs-" + tag);
    String body = "{\"encrypt\":\"" + FeishuCrypto.encrypt(ENCRYPT_KEY, plain) + "\"}";
    String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
    Map<String, String> forged = Map.of("X-Lark-Request-Timestamp", timestamp, "X-Lark-Request-Nonce", "n1", "X-Lark-Signature", "0".repeat(64));
    assertThat(post("fs-secure", body, forged).statusCode()).isEqualTo(401);
    Map<String, String> signed = Map.of("X-Lark-Request-Timestamp", timestamp, "X-Lark-Request-Nonce", "n1",
        "X-Lark-Signature", FeishuCrypto.signature(timestamp, "n1", ENCRYPT_KEY, body));
    assertThat(post("fs-secure", body, signed).statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> !FEISHU.sent("secured " + tag).isEmpty());
    assertThat(json.readTree(FEISHU.sent("secured " + tag).get(0).body().path("content").asText()).path("text").asText())
        .isEqualTo("echo: secured " + tag);
    assertThat(post("fs-secure", plain, Map.of()).statusCode()).isEqualTo(401); // a plain event for an encrypted bot
  }

  @Test
  void anExpiredTokenIsRefreshedAndAFailingSendDeadLettered() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    post("fs", event("om_t1_" + tag, "oc_chat2", "p2p", "first " + tag, "[]", "t1-" + tag), Map.of());
    await().atMost(Duration.ofSeconds(30)).until(() -> !FEISHU.sent("first " + tag).isEmpty());
    int issued = FEISHU.tokensIssued();
    FEISHU.expireTokens();
    post("fs", event("om_t2_" + tag, "oc_chat2", "p2p", "second " + tag, "[]", "t2-" + tag), Map.of());
    await().atMost(Duration.ofSeconds(30)).until(() -> FEISHU.sent("second " + tag).size() == 1);
    assertThat(FEISHU.attempts("second " + tag)).extracting(FakeFeishu.Call::answered).containsExactly(400, 200);
    assertThat(FEISHU.tokensIssued()).isGreaterThan(issued);

    post("fs", event("om_d_" + tag, "oc_chat2", "p2p", "doomed " + tag + " [[down]]", "[]", "d-" + tag), Map.of());
    ApiClient api = ApiClient.of(port, applicationContext);
    JsonNode letter = await().atMost(Duration.ofSeconds(30)).until(() -> api.deadLetterFor("doomed " + tag), l -> l != null);
    assertThat(letter.path("reason").asText()).contains("500");
    assertThat(FEISHU.sent("doomed " + tag)).hasSize(3);
  }

  // ---- helpers ----

  static String event(String messageId, String chatId, String chatType, String text, String mentions, String eventId) {
    String content = "{\\\"text\\\":\\\"" + text + "\\\"}";
    return """
        {"schema":"2.0","header":{"event_id":"%s","event_type":"im.message.receive_v1","create_time":"1700000000000",
         "token":"%s","app_id":"cli_test","tenant_key":"t1"},
         "event":{"sender":{"sender_id":{"open_id":"ou_user","user_id":"u1"},"sender_type":"user"},
          "message":{"message_id":"%s","chat_id":"%s","chat_type":"%s","message_type":"text","content":"%s",
                     "create_time":"1700000000000","mentions":%s}}}"""
        .formatted(eventId, TOKEN, messageId, chatId, chatType, content, mentions)
        .replace("\n", "");
  }

  /** A card.action.trigger callback (schema 2.0) as Feishu posts it when {@code operator} presses a button. */
  static String cardAction(String operator, String chatId, String cardMessageId, String command, String eventId) {
    return """
        {"schema":"2.0","header":{"event_id":"%s","event_type":"card.action.trigger","create_time":"1700000000000",
         "token":"%s","app_id":"cli_test","tenant_key":"t1"},
         "event":{"operator":{"tenant_key":"t1","user_id":"u9","open_id":"%s"},"token":"c-1","host":"im_message",
          "action":{"tag":"button","value":{"command":"%s"}},
          "context":{"open_message_id":"%s","open_chat_id":"%s"}}}"""
        .formatted(eventId, TOKEN, operator, command, cardMessageId, chatId)
        .replace("\n", "");
  }

  HttpResponse<String> post(String botId, String body, Map<String, String> headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/" + botId))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
