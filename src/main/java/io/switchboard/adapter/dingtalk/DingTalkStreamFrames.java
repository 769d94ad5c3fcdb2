package io.switchboard.adapter.dingtalk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * DingTalk Stream mode frames: {@code {specVersion, type: SYSTEM|EVENT|CALLBACK, headers{messageId, topic, …}, data}}
 * in, and the acknowledgement {@code {code, headers{messageId, contentType}, message, data}} out.
 */
final class DingTalkStreamFrames {

  static final String ROBOT_TOPIC = "/v1.0/im/bot/messages/get";
  private static final ObjectMapper JSON = new ObjectMapper();

  private DingTalkStreamFrames() {}

  static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a stream frame: " + e.getOriginalMessage(), e);
    }
  }

  static String type(JsonNode frame) {
    return frame.path("type").asText("");
  }

  static String topic(JsonNode frame) {
    return frame.path("headers").path("topic").asText("");
  }

  /** The frame's data: a JSON document carried as a string. */
  static JsonNode data(JsonNode frame) {
    JsonNode data = frame.path("data");
    return data.isTextual() ? parse(data.asText()) : data;
  }

  /** An acknowledgement of the frame, with {@code data} as its JSON-string data. */
  static String ack(JsonNode frame, int code, String message, Object data) {
    ObjectNode ack = JSON.createObjectNode();
    ack.put("code", code);
    ObjectNode headers = ack.putObject("headers");
    headers.put("messageId", frame.path("headers").path("messageId").asText(""));
    headers.put("contentType", "application/json");
    ack.put("message", message);
    try {
      ack.put("data", data instanceof String text ? text : JSON.writeValueAsString(data));
      return JSON.writeValueAsString(ack);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The body of {@code POST /v1.0/gateway/connections/open}: the robot's messages, on this app's credentials. */
  static Map<String, Object> openRequest(String clientId, String clientSecret) {
    return Map.of(
        "clientId", clientId,
        "clientSecret", clientSecret,
        "subscriptions", java.util.List.of(Map.of("type", "CALLBACK", "topic", ROBOT_TOPIC), Map.of("type", "EVENT", "topic", "*")),
        "ua", "switchboard/dingtalk-stream",
        "localIp", "127.0.0.1");
  }
}
