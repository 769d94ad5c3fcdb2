package io.switchboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.SwitchboardApplication;
import io.switchboard.adapter.dingtalk.DingTalkSignature;
import io.switchboard.adapter.wecom.WeComCrypto;
import io.switchboard.testing.FakeDingTalk;
import io.switchboard.testing.FakeOpenAi;
import io.switchboard.testing.FakeWeCom;
import io.switchboard.testing.LoopbackServer;
import io.switchboard.testing.TestData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Passive replies end to end: an answer ready within the window goes back in the callback's own response (WeCom:
 * encrypted and signed XML; DingTalk: the message JSON) and is not pushed as well; a slow or long answer is pushed.
 */
@SpringBootTest(
    classes = SwitchboardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "switchboard.routes-dir=target/test-routes/passive",
      "camel.main.routes-reload-enabled=false",
      "switchboard.replies.passive-window=3s"
    })
@DirtiesContext
class PassiveReplyBotTest {

  static final String CORP = FakeWeCom.CORP;
  static final String TOKEN = FakeWeCom.TOKEN;
  static final String AES_KEY = FakeWeCom.AES_KEY;
  static final String DINGTALK_SECRET = FakeDingTalk.APP_SECRET;
  static final FakeOpenAi MODEL = LoopbackServer.start(FakeOpenAi::new);
  static final FakeWeCom WECOM = LoopbackServer.start(FakeWeCom::new);
  static final FakeDingTalk DINGTALK = LoopbackServer.start(FakeDingTalk::new);

  @LocalServerPort int port;
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    TestData.freshDataDirectory(registry, "passive");
    registry.add("switchboard.llm.base-url", MODEL::baseUrl);
    WECOM.registerBot(registry, 0, "wc");
    DINGTALK.registerBot(registry, 1, "dt", "webhook");
  }

  @Test
  void weComGetsAnInstantAnswerInTheCallbackResponseAndNothingPushed() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> response = postWeCom("zhangsan", "hi " + tag, "p-" + tag);
    assertThat(response.statusCode()).isEqualTo(200);
    String timestamp = field(response.body(), "TimeStamp");
    String nonce = field(response.body(), "Nonce");
    String encrypted = field(response.body(), "Encrypt");
    assertThat(WeComCrypto.signatureMatches(TOKEN, timestamp, nonce, encrypted, field(response.body(), "MsgSignature"))).isTrue();
    String reply = WeComCrypto.decrypt(AES_KEY, encrypted, CORP);
    assertThat(field(reply, "Content")).isEqualTo("echo: hi " + tag);
    assertThat(field(reply, "ToUserName")).isEqualTo("zhangsan");
    assertThat(field(reply, "FromUserName")).isEqualTo(CORP);
    assertThat(field(reply, "MsgType")).isEqualTo("text");

    // a retry of the same callback gets a bare acknowledgement, and nothing is pushed for it either
    assertThat(postWeCom("zhangsan", "hi " + tag, "p-" + tag).body()).isEmpty();
    // a slower answer in the same chat is pushed; replies to one chat go out in order, so the first was never pushed
    HttpResponse<String> slow = postWeCom("zhangsan", "slow " + tag + " [[delay=3500]]", "s-" + tag);
    assertThat(slow.body()).isEmpty();
    await().atMost(Duration.ofSeconds(30)).until(() -> !WECOM.sent("slow " + tag).isEmpty());
    assertThat(WECOM.sent("hi " + tag)).isEmpty();
    assertThat(MODEL.requestsFor("hi " + tag)).hasSize(1);
  }

  @Test
  void aWeComAnswerTooLongForOnePassiveMessageIsPushedInPieces() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String longText = "long " + tag + " " + "汉字".repeat(400); // 2400 bytes of UTF-8: more than one WeCom text
    assertThat(postWeCom("lisi", longText, "l-" + tag).body()).isEmpty();
    await().atMost(Duration.ofSeconds(30)).until(() -> WECOM.sends().stream()
        .filter(s -> s.body().path("touser").asText().equals("lisi")).count() == 2);
  }

  @Test
  void dingTalkGetsAnInstantAnswerInTheCallbackResponse() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String conversation = "cid-" + tag;
    HttpResponse<String> response = postDingTalk("d-" + tag, conversation, "hello " + tag);
    JsonNode body = json.readTree(response.body());
    assertThat(body.path("msgtype").asText()).isEqualTo("markdown");
    assertThat(body.path("markdown").path("text").asText()).isEqualTo("echo: hello " + tag);

    HttpResponse<String> slow = postDingTalk("ds-" + tag, conversation, "slow " + tag + " [[delay=3500]]");
    assertThat(json.readTree(slow.body()).path("msgtype").asText()).isEqualTo("empty");
    await().atMost(Duration.ofSeconds(30)).until(() -> !DINGTALK.calls("/robot/sendBySession/", "slow " + tag).isEmpty());
    assertThat(DINGTALK.calls("/robot/sendBySession/", "hello " + tag)).isEmpty();
  }

  // ---- helpers ----

  static String field(String xml, String name) {
    Matcher matcher = Pattern.compile("<" + name + ">(?:<!\\[CDATA\\[)?(.*?)(?:]]>)?</" + name + ">", Pattern.DOTALL).matcher(xml);
    assertThat(matcher.find()).as("<%s> in %s", name, xml).isTrue();
    return matcher.group(1);
  }

  HttpResponse<String> postWeCom(String user, String text, String msgId) throws IOException, InterruptedException {
    String inner = "<xml><ToUserName><![CDATA[" + CORP + "]]></ToUserName><FromUserName><![CDATA[" + user + "]]></FromUserName>"
        + "<CreateTime>" + Instant.now().getEpochSecond() + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
        + "<Content><![CDATA[" + text + "]]></Content><MsgId>" + msgId + "</MsgId><AgentID>1000002</AgentID></xml>";
    String encrypted = WeComCrypto.encrypt(AES_KEY, inner, CORP);
    String timestamp = String.valueOf(Instant.now().getEpochSecond());
    String query = "?msg_signature=" + WeComCrypto.signature(TOKEN, timestamp, "n3", encrypted) + "&timestamp=" + timestamp + "&nonce=n3";
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/wc" + query))
            .header("Content-Type", "text/xml")
            .POST(HttpRequest.BodyPublishers.ofString("<xml><ToUserName><![CDATA[" + CORP + "]]></ToUserName><Encrypt><![CDATA["
                + encrypted + "]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> postDingTalk(String msgId, String conversationId, String text) throws IOException, InterruptedException {
    String callback = """
        {"msgtype":"text","text":{"content":"%s"},"msgId":"%s","createAt":%d,"conversationType":"1",
         "conversationId":"%s","senderId":"$:LWCP_v1:$abc","senderNick":"Ann","senderStaffId":"staff-1",
         "chatbotUserId":"$:LWCP_v1:$bot","isInAtList":true,"sessionWebhook":"%s","sessionWebhookExpiredTime":%d,
         "robotCode":"ding-robot"}"""
        .formatted(text, msgId, System.currentTimeMillis(), conversationId, DINGTALK.sessionWebhook(conversationId),
            System.currentTimeMillis() + 600_000)
        .replace("\n", "");
    String timestamp = String.valueOf(System.currentTimeMillis());
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/dt"))
            .header("Content-Type", "application/json")
            .header("timestamp", timestamp)
            .header("sign", DingTalkSignature.sign(DINGTALK_SECRET, timestamp))
            .POST(HttpRequest.BodyPublishers.ofString(callback))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
