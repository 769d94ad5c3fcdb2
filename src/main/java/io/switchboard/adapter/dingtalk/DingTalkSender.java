package io.switchboard.adapter.dingtalk;

import io.switchboard.bot.Bots;
import io.switchboard.egress.EgressDelivery;
import io.switchboard.egress.OutgoingReply;
import io.switchboard.egress.PermanentDeliveryException;
import io.switchboard.egress.PlatformSender;
import io.switchboard.egress.TransientDeliveryException;
import io.switchboard.envelope.Envelope;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * DingTalk's sink: the conversation's session webhook while it is valid (markdown message); after that the robot
 * OpenAPI, to the user of a 1:1 chat ({@code oToMessages/batchSend}) or to the group ({@code groupMessages/send}).
 */
@Component("dingtalkSender")
public class DingTalkSender implements PlatformSender {

  private final DingTalkApi api;
  private final DingTalkSessions sessions;
  private final Bots bots;
  private final EgressDelivery delivery;
  private final Clock clock = Clock.systemUTC();

  public DingTalkSender(DingTalkApi api, DingTalkSessions sessions, Bots bots, EgressDelivery delivery) {
    this.api = api;
    this.sessions = sessions;
    this.bots = bots;
    this.delivery = delivery;
  }

  @Override
  public String adapter() {
    return "dingtalk";
  }

  @Override
  public void send(OutgoingReply outgoing) throws InterruptedException {
    Envelope reply = outgoing.reply();
    String botId = reply.conversation().bot();
    String conversationId = reply.conversation().chatId();
    DingTalkSessions.Session session = sessions.find(botId, conversationId)
        .orElseThrow(() -> new PermanentDeliveryException("DingTalk: no callback seen for conversation " + conversationId));
    String text = reply.text();
    long started = System.nanoTime();
    try {
      if (session.webhookValid(clock.instant())) {
        api.postToSessionWebhook(session.webhook(), markdown(text));
      } else {
        String robotCode = bots.get(botId).get("robot-code");
        String param = "{\"content\":" + quote(text) + "}";
        if (session.group()) {
          api.openApi(botId, "/v1.0/robot/groupMessages/send",
              Map.of("robotCode", robotCode, "openConversationId", conversationId, "msgKey", "sampleText", "msgParam", param));
        } else {
          api.openApi(botId, "/v1.0/robot/oToMessages/batchSend",
              Map.of("robotCode", robotCode, "userIds", List.of(session.userId()), "msgKey", "sampleText", "msgParam", param));
        }
      }
    } catch (TransientDeliveryException e) {
      throw e;
    }
    delivery.sent("dingtalk", System.nanoTime() - started);
  }

  /** The message body the session webhook and a passive reply take. */
  static Map<String, Object> markdown(String text) {
    return Map.of("msgtype", "markdown", "markdown", Map.of("title", title(text), "text", text));
  }

  private static String title(String text) {
    String firstLine = text.strip().split("\n", 2)[0];
    return firstLine.length() > 20 ? firstLine.substring(0, 20) : firstLine;
  }

  private static String quote(String text) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
