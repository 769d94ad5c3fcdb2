package io.switchboard.adapter.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.bot.BotSockets;
import io.switchboard.bot.Bots;
import io.switchboard.channel.IngressPublisher;
import io.switchboard.envelope.Envelope;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * DingTalk's Stream mode source: no public callback URL; the app opens a WebSocket to DingTalk
 * ({@code POST /v1.0/gateway/connections/open} gives the endpoint and a ticket) and robot messages arrive on it. Each
 * message is published (confirmed) before it is acknowledged, so one not acknowledged is redelivered by DingTalk and,
 * carrying the same {@code msgId}, answered once. Pings are echoed; {@code disconnect} renews the connection. Several
 * instances each hold a connection; DingTalk gives each message to one of them.
 */
@Component("dingtalkStream")
public class DingTalkStream extends BotSockets {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Bots bots;
  private final DingTalkApi api;
  private final DingTalkSource source;
  private final IngressPublisher publisher;

  public DingTalkStream(Bots bots, DingTalkApi api, DingTalkSource source, IngressPublisher publisher) {
    this.bots = bots;
    this.api = api;
    this.source = source;
    this.publisher = publisher;
  }

  @Override
  protected URI endpoint(String botId) throws IOException, InterruptedException {
    Bots.ConfiguredBot bot = bots.get(botId);
    HttpResponse<String> opened = http.send(HttpRequest.newBuilder(URI.create(api.base(botId) + "/v1.0/gateway/connections/open"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(DingTalkStreamFrames.openRequest(bot.get("app-key"), bot.get("app-secret")))))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (opened.statusCode() != 200) {
      throw new IOException("connections/open answered HTTP " + opened.statusCode());
    }
    JsonNode gateway = JSON.readTree(opened.body());
    String endpoint = gateway.path("endpoint").asText("");
    String ticket = gateway.path("ticket").asText("");
    if (endpoint.isEmpty() || ticket.isEmpty()) {
      throw new IOException("connections/open gave no endpoint or ticket");
    }
    return URI.create(endpoint + (endpoint.contains("?") ? "&" : "?") + "ticket=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8));
  }

  @Override
  protected Optional<String> handle(String botId, WebSocket socket, String text) {
    JsonNode frame = DingTalkStreamFrames.parse(text);
    String type = DingTalkStreamFrames.type(frame);
    String topic = DingTalkStreamFrames.topic(frame);
    if ("SYSTEM".equals(type)) {
      if ("disconnect".equals(topic)) {
        renew(botId, socket);
        return Optional.empty();
      }
      return Optional.of(DingTalkStreamFrames.ack(frame, 200, "OK", frame.path("data").asText("")));
    }
    if ("CALLBACK".equals(type) && DingTalkStreamFrames.ROBOT_TOPIC.equals(topic)) {
      Optional<Envelope> event = source.admit(botId, DingTalkStreamFrames.data(frame));
      event.ifPresent(publisher::publish); // confirmed: only then acknowledged
      return Optional.of(DingTalkStreamFrames.ack(frame, 200, "OK", Map.of("response", Map.of())));
    }
    return Optional.of(DingTalkStreamFrames.ack(frame, 200, "OK", Map.of("status", "SUCCESS", "message", "success")));
  }
}
