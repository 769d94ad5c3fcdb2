package io.switchboard.adapter.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DingTalkStreamFramesTest {

  @Test
  void aCallbackFrameCarriesTheRobotMessageAsAJsonString() {
    JsonNode frame = DingTalkStreamFrames.parse("""
        {"specVersion":"1.0","type":"CALLBACK","headers":{"messageId":"f-1","topic":"/v1.0/im/bot/messages/get"},
         "data":"{\\"msgId\\":\\"m-1\\",\\"text\\":{\\"content\\":\\"hi\\"}}"}""");
    assertThat(DingTalkStreamFrames.type(frame)).isEqualTo("CALLBACK");
    assertThat(DingTalkStreamFrames.topic(frame)).isEqualTo(DingTalkStreamFrames.ROBOT_TOPIC);
    assertThat(DingTalkStreamFrames.data(frame).path("text").path("content").asText()).isEqualTo("hi");
  }

  @Test
  void theAckNamesTheFrameAndCarriesItsDataAsAString() {
    JsonNode frame = DingTalkStreamFrames.parse("{\"type\":\"SYSTEM\",\"headers\":{\"messageId\":\"p-9\",\"topic\":\"ping\"},\"data\":\"{\\\"x\\\":1}\"}");
    JsonNode ack = DingTalkStreamFrames.parse(DingTalkStreamFrames.ack(frame, 200, "OK", "{\"x\":1}"));
    assertThat(ack.path("code").asInt()).isEqualTo(200);
    assertThat(ack.path("headers").path("messageId").asText()).isEqualTo("p-9");
    assertThat(ack.path("headers").path("contentType").asText()).isEqualTo("application/json");
    assertThat(ack.path("data").asText()).isEqualTo("{\"x\":1}");
    assertThat(DingTalkStreamFrames.parse(DingTalkStreamFrames.ack(frame, 200, "OK", Map.of("response", Map.of()))).path("data").asText())
        .isEqualTo("{\"response\":{}}");
  }

  @Test
  void theConnectionSubscribesToRobotMessagesWithTheAppsCredentials() {
    Map<String, Object> request = DingTalkStreamFrames.openRequest("key", "secret");
    assertThat(request).containsEntry("clientId", "key").containsEntry("clientSecret", "secret");
    assertThat(request.get("subscriptions").toString()).contains("CALLBACK", DingTalkStreamFrames.ROBOT_TOPIC);
  }
}
