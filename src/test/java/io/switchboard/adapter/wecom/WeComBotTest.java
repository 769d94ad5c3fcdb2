package io.switchboard.adapter.wecom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.SwitchboardApplication;
import io.switchboard.bus.BusTopology;
import io.switchboard.channel.IngressPublisher;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.EnvelopeCodec;
import io.switchboard.envelope.Envelopes;
import io.switchboard.testing.ApiClient;
import io.switchboard.testing.FakeOpenAi;
import io.switchboard.testing.FakeWeCom;
import io.switchboard.testing.LoopbackServer;
import io.switchboard.testing.TestData;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.context.ApplicationContext;

/** WeCom end to end: encrypted callbacks in, message/send out, against a loopback fake of the server API. */
@SpringBootTest(
    classes = SwitchboardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "switchboard.routes-dir=target/test-routes/wecom",
      "camel.main.routes-reload-enabled=false",
      "switchboard.egress.redelivery-delay=100",
      "switchboard.egress.max-redeliveries=2",
      "switchboard.replies.passive-window=0s" // the push path; passive replies: webhook.PassiveReplyBotTest
    })
@DirtiesContext
class WeComBotTest {

  static final String CORP = FakeWeCom.CORP;
  static final String TOKEN = FakeWeCom.TOKEN;
  static final String AES_KEY = FakeWeCom.AES_KEY;
  static final FakeOpenAi MODEL = LoopbackServer.start(FakeOpenAi::new);
  static final FakeWeCom WECOM = LoopbackServer.start(FakeWeCom::new);

  @LocalServerPort int port;

  @Autowired ApplicationContext applicationContext;
  @Autowired IngressPublisher publisher;
  @Autowired EnvelopeCodec codec;
  final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    TestData.freshDataDirectory(registry, "wecom");
    registry.add("switchboard.llm.base-url", MODEL::baseUrl);
    // the fakes listen on loopback, which users' URLs may not reach unless the operator allows it
    registry.add("switchboard.outbound.allow", () -> "127.0.0.1");
    WECOM.registerBot(registry, 0, "wc");
  }

  @Test
  void theUrlVerificationAnswersTheBarePlaintext() throws Exception {
    String echo = WeComCrypto.encrypt(AES_KEY, "8372519924367412", CORP);
    String ts = now();
    String query = "msg_signature=" + WeComCrypto.signature(TOKEN, ts, "n1", echo) + "&timestamp=" + ts + "&nonce=n1&echostr="
        + URLEncoder.encode(echo, StandardCharsets.UTF_8);
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url() + "?" + query)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("8372519924367412");
  }

  @Test
  void aMessageIsAnsweredOnceThoughWeComRetriesItThreeTimes() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String xml = message("zhangsan", "hello " + tag, "m-" + tag);
    String ts = now();
    for (int delivery = 0; delivery < 4; delivery++) {
      HttpResponse<String> response = post(xml, ts, null);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEmpty();
    }
    post(message("zhangsan", "after " + tag, "m2-" + tag), now(), null);
    await().atMost(Duration.ofSeconds(30)).until(() -> !WECOM.sent("after " + tag).isEmpty());
    assertThat(WECOM.sent("echo: hello " + tag)).hasSize(1);
    JsonNode sent = WECOM.sent("hello " + tag).get(0).body();
    assertThat(sent.path("touser").asText()).isEqualTo("zhangsan");
    assertThat(sent.path("agentid").asInt()).isEqualTo(1000002);
    assertThat(sent.path("msgtype").asText()).isEqualTo("text");
  }

  @Test
  void badSignaturesStaleRequestsAndOtherCorpsAreRefused() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    assertThat(post(message("lisi", "forged " + tag, "f-" + tag), now(), "0".repeat(40)).statusCode()).isEqualTo(401);
    assertThat(post(message("lisi", "stale " + tag, "s-" + tag), String.valueOf(Instant.now().getEpochSecond() - 600), null).statusCode()).isEqualTo(401);
    String otherCorp = envelopeXml(WeComCrypto.encrypt(AES_KEY, inner("lisi", "other " + tag, "o-" + tag), "ww-another-corp"));
    assertThat(postRaw(otherCorp, now(), null).statusCode()).isEqualTo(401);
    post(message("lisi", "valid " + tag, "v-" + tag), now(), null);
    await().atMost(Duration.ofSeconds(30)).until(() -> !WECOM.sent("valid " + tag).isEmpty());
    assertThat(MODEL.requestsFor("forged " + tag)).isEmpty();
    assertThat(MODEL.requestsFor("stale " + tag)).isEmpty();
    assertThat(MODEL.requestsFor("other " + tag)).isEmpty();
  }

  @Test
  void anExpiredTokenIsRefreshedAndAFailingSendDeadLettered() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    post(message("wangwu", "first " + tag, "t1-" + tag), now(), null);
    await().atMost(Duration.ofSeconds(30)).until(() -> WECOM.sent("first " + tag).stream().anyMatch(s -> s.errcode() == 0));
    int issued = WECOM.tokensIssued();
    WECOM.expireTokens();
    post(message("wangwu", "second " + tag, "t2-" + tag), now(), null);
    await().atMost(Duration.ofSeconds(30)).until(() -> WECOM.sent("second " + tag).stream().anyMatch(s -> s.errcode() == 0));
    assertThat(WECOM.sent("second " + tag)).extracting(FakeWeCom.Send::errcode).containsExactly(42001, 0);
    assertThat(WECOM.tokensIssued()).isEqualTo(issued + 1);

    post(message("wangwu", "doomed " + tag + " [[busy]]", "d-" + tag), now(), null);
    ApiClient api = ApiClient.of(port, applicationContext);
    JsonNode letter = await().atMost(Duration.ofSeconds(30)).until(() -> api.deadLetterFor("doomed " + tag), l -> l != null);
    assertThat(letter.path("reason").asText()).contains("system busy");
    assertThat(WECOM.sent("doomed " + tag)).hasSize(3);
  }

  @Test
  void markdownGoesOutAsMarkdownAndImagesThroughMediaUpload() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    post(message("zhaoliu", "**bold** " + tag, "md-" + tag), now(), null);
    await().atMost(Duration.ofSeconds(30)).until(() -> !WECOM.sent("**bold** " + tag).isEmpty());
    assertThat(WECOM.sent("**bold** " + tag).get(0).body().path("msgtype").asText()).isEqualTo("markdown");

    // a reply with an image, as a command or a notification produces it, put on the bot's egress queue
    Envelope request = Envelopes.received(new ConversationKey("wecom", "wc", "zhaoliu"), "private", new Envelope.Sender("zhaoliu", null), "chart?", Map.of());
    Envelope reply = Envelopes.reply(request,
        List.of(Envelope.Part.text("the chart " + tag), new Envelope.Part("image", null, WECOM.mediaUrl("chart.png"), "image/png", null, null)), Map.of());
    publisher.publishTo(BusTopology.EGRESS, codec.encode(reply), "wecom.wc");

    await().atMost(Duration.ofSeconds(30)).until(() -> WECOM.sends().stream().anyMatch(s -> "image".equals(s.body().path("msgtype").asText())
        && s.body().path("touser").asText().equals("zhaoliu")));
    assertThat(WECOM.uploads()).anySatisfy(u -> assertThat(u).contains("type=image").contains("filename=\"chart.png\"").contains("Content-Type: image/png"));
    assertThat(WECOM.sent("the chart " + tag)).hasSize(1);
  }

  @Test
  void switchboardsOwnTextsAreInTheBotsLanguage() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    post(message("user-" + tag, "/whoami", "w-" + tag), now(), null);
    await().atMost(Duration.ofSeconds(30)).until(() -> !WECOM.sent("user-" + tag).isEmpty());
    assertThat(WECOM.sent("user-" + tag).get(0).body().path("text").path("content").asText()).startsWith("用户：user-" + tag);
  }

  // ---- helpers ----

  String url() {
    return "http://127.0.0.1:" + port + "/webhooks/wc";
  }

  static String inner(String user, String text, String msgId) {
    return "<xml><ToUserName><![CDATA[" + CORP + "]]></ToUserName><FromUserName><![CDATA[" + user + "]]></FromUserName>"
        + "<CreateTime>" + Instant.now().getEpochSecond() + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
        + "<Content><![CDATA[" + text + "]]></Content><MsgId>" + msgId + "</MsgId><AgentID>1000002</AgentID></xml>";
  }

  static String envelopeXml(String encrypted) {
    return "<xml><ToUserName><![CDATA[" + CORP + "]]></ToUserName><Encrypt><![CDATA[" + encrypted + "]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>";
  }

  static String message(String user, String text, String msgId) {
    return envelopeXml(WeComCrypto.encrypt(AES_KEY, inner(user, text, msgId), CORP));
  }

  HttpResponse<String> post(String xml, String timestamp, String signature) throws IOException, InterruptedException {
    return postRaw(xml, timestamp, signature);
  }

  HttpResponse<String> postRaw(String xml, String timestamp, String signature) throws IOException, InterruptedException {
    String encrypted = xml.replaceAll("(?s).*<Encrypt><!\\[CDATA\\[(.*?)]]></Encrypt>.*", "$1");
    String sign = signature != null ? signature : WeComCrypto.signature(TOKEN, timestamp, "n2", encrypted);
    return http.send(
        HttpRequest.newBuilder(URI.create(url() + "?msg_signature=" + sign + "&timestamp=" + timestamp + "&nonce=n2"))
            .header("Content-Type", "text/xml")
            .POST(HttpRequest.BodyPublishers.ofString(xml))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String now() {
    return String.valueOf(Instant.now().getEpochSecond());
  }
}
