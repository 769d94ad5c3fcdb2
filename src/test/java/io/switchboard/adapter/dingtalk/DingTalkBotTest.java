package io.switchboard.adapter.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.SwitchboardApplication;
import io.switchboard.testing.ApiClient;
import io.switchboard.testing.FakeDingTalk;
import io.switchboard.testing.FakeOpenAi;
import io.switchboard.testing.LoopbackServer;
import io.switchboard.testing.TestData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** DingTalk end to end: signed robot callbacks in; the session webhook, or the OpenAPI with a token, out. */
@SpringBootTest(
    classes = SwitchboardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "switchboard.routes-dir=target/test-routes/dingtalk",
      "camel.main.routes-reload-enabled=false",
      "switchboard.egress.redelivery-delay=100",
      "switchboard.egress.max-redeliveries=2",
      "switchboard.replies.passive-window=0s" // the push path; passive replies: webhook.PassiveReplyBotTest
    })
@DirtiesContext
class DingTalkBotTest {

  static final String APP_SECRET = FakeDingTalk.APP_SECRET;
  static final FakeOpenAi MODEL = LoopbackServer.start(FakeOpenAi::new);
  static final FakeDingTalk DINGTALK = LoopbackServer.start(FakeDingTalk::new);

  @LocalServerPort int port;

  @Autowired ApplicationContext applicationContext;
  final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    TestData.freshDataDirectory(registry, "dingtalk");
    registry.add("switchboard.llm.base-url", MODEL::baseUrl);
    DINGTALK.registerBot(registry, 0, "dt", "webhook");
  }

  @Test
  void aCallbackIsAnsweredOnceThroughTheSessionWebhookHoweverOftenItIsDelivered() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String conversation = "cid-private-" + tag;
    String callback = callback("msg-" + tag, conversation, "1", "hello " + tag, DINGTALK.sessionWebhook(conversation), System.currentTimeMillis() + 5_400_000);
    for (int delivery = 0; delivery < 4; delivery++) {
      assertThat(post(callback, now(), null).statusCode()).isEqualTo(200);
    }
    String after = callback("msg2-" + tag, conversation, "1", "after " + tag, DINGTALK.sessionWebhook(conversation), System.currentTimeMillis() + 5_400_000);
    post(after, now(), null);
    await().atMost(Duration.ofSeconds(30)).until(() -> !DINGTALK.calls("/robot/sendBySession/", "after " + tag).isEmpty());
    assertThat(DINGTALK.calls("/robot/sendBySession/" + conversation, "echo: hello " + tag)).hasSize(1);
    JsonNode sent = DINGTALK.calls("/robot/sendBySession/", "hello " + tag).get(0).body();
    assertThat(sent.path("msgtype").asText()).isEqualTo("markdown");
    assertThat(sent.path("markdown").path("text").asText()).isEqualTo("echo: hello " + tag);
  }

  @Test
  void badSignaturesAndStaleTimestampsAreRefusedWithNothingPublished() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String conversation = "cid-" + tag;
    String forged = callback("f-" + tag, conversation, "1", "forged " + tag, DINGTALK.sessionWebhook(conversation), System.currentTimeMillis() + 60_000);
    assertThat(post(forged, now(), "bm90IGEgc2lnbmF0dXJl").statusCode()).isEqualTo(401);
    String stale = callback("s-" + tag, conversation, "1", "stale " + tag, DINGTALK.sessionWebhook(conversation), System.currentTimeMillis() + 60_000);
    String old = String.valueOf(System.currentTimeMillis() - 3_700_000);
    assertThat(post(stale, old, DingTalkSignature.sign(APP_SECRET, old)).statusCode()).isEqualTo(401);
    String valid = callback("v-" + tag, conversation, "1", "valid " + tag, DINGTALK.sessionWebhook(conversation), System.currentTimeMillis() + 60_000);
    post(valid, now(), null);
    await().atMost(Duration.ofSeconds(30)).until(() -> !DINGTALK.calls("/robot/sendBySession/", "valid " + tag).isEmpty());
    assertThat(MODEL.requestsFor("forged " + tag)).isEmpty();
    assertThat(MODEL.requestsFor("stale " + tag)).isEmpty();
  }

  @Test
  void afterTheSessionWebhookExpiresTheOpenApiIsUsedAndAnExpiredTokenRefreshed() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String group = "cid-group-" + tag;
    post(callback("g1-" + tag, group, "2", "first " + tag, DINGTALK.sessionWebhook(group), System.currentTimeMillis() - 1000), now(), null);
    await().atMost(Duration.ofSeconds(30)).until(() -> !DINGTALK.calls("/v1.0/robot/groupMessages/send", "first " + tag).isEmpty());
    JsonNode sent = DINGTALK.calls("/v1.0/robot/groupMessages/send", "first " + tag).get(0).body();
    assertThat(sent.path("openConversationId").asText()).isEqualTo(group);
    assertThat(sent.path("robotCode").asText()).isEqualTo("ding-robot");
    assertThat(sent.path("msgParam").asText()).isEqualTo("{\"content\":\"echo: first " + tag + "\"}");

    int tokensBefore = DINGTALK.tokensIssued();
    DINGTALK.expireTokens();
    post(callback("g2-" + tag, group, "2", "second " + tag, DINGTALK.sessionWebhook(group), System.currentTimeMillis() - 1000), now(), null);
    await().atMost(Duration.ofSeconds(30)).until(() -> DINGTALK.calls("/v1.0/robot/groupMessages/send", "second " + tag).size() == 2);
    assertThat(DINGTALK.tokensIssued()).isEqualTo(tokensBefore + 1);
  }

  @Test
  void aSendThatKeepsFailingIsRetriedThenDeadLettered() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String conversation = "cid-fail-" + tag;
    post(callback("x-" + tag, conversation, "1", "doomed " + tag + " [[down]]", DINGTALK.sessionWebhook(conversation), System.currentTimeMillis() + 60_000), now(), null);
    ApiClient api = ApiClient.of(port, applicationContext);
    JsonNode letter = await().atMost(Duration.ofSeconds(30)).until(() -> api.deadLetterFor("doomed " + tag), l -> l != null);
    assertThat(letter.path("reason").asText()).contains("500");
    assertThat(DINGTALK.calls("/robot/sendBySession/", "doomed " + tag)).hasSize(3); // 1 + 2 redeliveries
  }

  // ---- helpers ----

  static String callback(String msgId, String conversationId, String type, String text, String webhook, long webhookExpires) {
    return """
        {"msgtype":"text","text":{"content":"%s"},"msgId":"%s","createAt":%d,"conversationType":"%s",
         "conversationId":"%s","senderId":"$:LWCP_v1:$abc","senderNick":"Ann","senderStaffId":"staff-1",
         "chatbotUserId":"$:LWCP_v1:$bot","isInAtList":true,"sessionWebhook":"%s","sessionWebhookExpiredTime":%d,
         "robotCode":"ding-robot"}"""
        .formatted(text, msgId, System.currentTimeMillis(), type, conversationId, webhook, webhookExpires)
        .replace("\n", "");
  }

  HttpResponse<String> post(String body, String timestamp, String sign) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/dt"))
            .header("Content-Type", "application/json")
            .header("timestamp", timestamp)
            .header("sign", sign == null ? DingTalkSignature.sign(APP_SECRET, timestamp) : sign)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String now() {
    return String.valueOf(System.currentTimeMillis());
  }
}
