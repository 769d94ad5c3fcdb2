package io.switchboard.adapter.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.SwitchboardApplication;
import io.switchboard.testing.FakeDingTalk;
import io.switchboard.testing.FakeOpenAi;
import io.switchboard.testing.LoopbackServer;
import io.switchboard.testing.TestData;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** DingTalk Stream mode end to end: a WebSocket to a loopback gateway in, the session webhook out. */
@SpringBootTest(
    classes = SwitchboardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"switchboard.routes-dir=target/test-routes/dingtalk-stream", "camel.main.routes-reload-enabled=false",
        "switchboard.replies.passive-window=0s"})
@DirtiesContext
class DingTalkStreamTest {

  static final FakeOpenAi MODEL = LoopbackServer.start(FakeOpenAi::new);
  static final FakeDingTalk DINGTALK = LoopbackServer.start(FakeDingTalk::new);
  final ObjectMapper json = new ObjectMapper();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    TestData.freshDataDirectory(registry, "dingtalk-stream");
    registry.add("switchboard.llm.base-url", MODEL::baseUrl);
    DINGTALK.registerBot(registry, 0, "ds", "stream");
  }

  @Test
  void robotMessagesArriveOverTheStreamAreAckedAndAnsweredOnceAcrossRedeliveryAndReconnects() throws Exception {
    await().atMost(Duration.ofSeconds(30)).until(() -> DINGTALK.stream().openConnections() == 1);
    assertThat(DINGTALK.stream().requests().get(0)).isEqualTo("/connect?ticket=ticket-1");

    String tag = UUID.randomUUID().toString().substring(0, 8);
    String conversation = "cid-stream-" + tag;
    DINGTALK.stream().send(callbackFrame("f1-" + tag, "m1-" + tag, conversation, "hello " + tag));
    await().atMost(Duration.ofSeconds(30)).until(() -> !DINGTALK.calls("/robot/sendBySession/" + conversation, "echo: hello " + tag).isEmpty());
    JsonNode ack = await().atMost(Duration.ofSeconds(10)).until(() -> ackOf("f1-" + tag), a -> a != null);
    assertThat(ack.path("code").asInt()).isEqualTo(200);

    // DingTalk redelivers what it thinks unacknowledged: same msgId, a new frame; acked again, answered once
    DINGTALK.stream().send(callbackFrame("f2-" + tag, "m1-" + tag, conversation, "hello " + tag));
    await().atMost(Duration.ofSeconds(10)).until(() -> ackOf("f2-" + tag) != null);

    // keep-alive pings are echoed
    DINGTALK.stream().send("{\"specVersion\":\"1.0\",\"type\":\"SYSTEM\",\"headers\":{\"messageId\":\"p-" + tag + "\",\"topic\":\"ping\"},\"data\":\"{\\\"opaque\\\":\\\"" + tag + "\\\"}\"}");
    JsonNode pong = await().atMost(Duration.ofSeconds(10)).until(() -> ackOf("p-" + tag), a -> a != null);
    assertThat(pong.path("data").asText()).contains(tag);

    // a dropped connection is reopened with a new ticket, and messages go on
    DINGTALK.stream().dropAll();
    await().atMost(Duration.ofSeconds(30)).until(() -> DINGTALK.streamsOpened() >= 2 && DINGTALK.stream().openConnections() == 1);
    DINGTALK.stream().send(callbackFrame("f3-" + tag, "m3-" + tag, conversation, "again " + tag));
    await().atMost(Duration.ofSeconds(30)).until(() -> !DINGTALK.calls("/robot/sendBySession/" + conversation, "echo: again " + tag).isEmpty());

    // DingTalk asking the client to go away: it reconnects
    int opened = DINGTALK.streamsOpened();
    DINGTALK.stream().send("{\"specVersion\":\"1.0\",\"type\":\"SYSTEM\",\"headers\":{\"messageId\":\"d-" + tag + "\",\"topic\":\"disconnect\"},\"data\":\"\"}");
    await().atMost(Duration.ofSeconds(30)).until(() -> DINGTALK.streamsOpened() > opened && DINGTALK.stream().openConnections() == 1);

    assertThat(DINGTALK.calls("/robot/sendBySession/" + conversation, "echo: hello " + tag)).hasSize(1);
    assertThat(MODEL.requestsFor("hello " + tag)).hasSize(1);
  }

  JsonNode ackOf(String frameId) throws IOException {
    for (String text : DINGTALK.stream().received()) {
      JsonNode ack = json.readTree(text);
      if (ack.path("headers").path("messageId").asText().equals(frameId)) {
        return ack;
      }
    }
    return null;
  }

  String callbackFrame(String frameId, String msgId, String conversation, String text) throws IOException {
    var message = json.createObjectNode();
    message.put("msgtype", "text").put("msgId", msgId).put("createAt", System.currentTimeMillis()).put("conversationType", "1")
        .put("conversationId", conversation).put("senderId", "$:LWCP_v1:$abc").put("senderNick", "Ann").put("senderStaffId", "staff-1")
        .put("isInAtList", true).put("sessionWebhook", DINGTALK.sessionWebhook(conversation))
        .put("sessionWebhookExpiredTime", System.currentTimeMillis() + 5_400_000).put("robotCode", "ding-robot");
    message.putObject("text").put("content", text);
    String data = json.writeValueAsString(message);
    return json.writeValueAsString(Map.of("specVersion", "1.0", "type", "CALLBACK",
        "headers", Map.of("messageId", frameId, "topic", "/v1.0/im/bot/messages/get", "contentType", "application/json", "time", System.currentTimeMillis()),
        "data", data));
  }
}
