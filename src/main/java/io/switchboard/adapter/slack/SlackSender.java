package io.switchboard.adapter.slack;

import io.switchboard.egress.EgressDelivery;
import io.switchboard.egress.OutgoingReply;
import io.switchboard.egress.PlatformSender;
import io.switchboard.egress.TransientDeliveryException;
import io.switchboard.envelope.Envelope;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Slack's sink: chat.postMessage in the conversation's thread, with the model's Markdown as Slack mrkdwn. */
@Component("slackSender")
public class SlackSender implements PlatformSender {

  private final SlackApi api;
  private final EgressDelivery delivery;

  public SlackSender(SlackApi api, EgressDelivery delivery) {
    this.api = api;
    this.delivery = delivery;
  }

  @Override
  public String adapter() {
    return "slack";
  }

  @Override
  public void send(OutgoingReply outgoing) throws InterruptedException {
    Envelope reply = outgoing.reply();
    SlackInbound.Destination destination = SlackInbound.Destination.of(reply.conversation().chatId());
    Map<String, Object> message = new HashMap<>();
    message.put("channel", destination.channel());
    message.put("text", mrkdwn(reply.text()));
    message.put("mrkdwn", true);
    if (destination.threadTs() != null) {
      message.put("thread_ts", destination.threadTs());
    }
    long started = System.nanoTime();
    try {
      api.call(reply.conversation().bot(), "chat.postMessage", message);
    } catch (TransientDeliveryException e) {
      throw e;
    }
    delivery.sent("slack", System.nanoTime() - started);
  }

  /** Markdown to Slack mrkdwn: {@code **bold**} is {@code *bold*}, links are {@code <url|text>}; the rest is alike. */
  static String mrkdwn(String markdown) {
    return markdown
        .replaceAll("\\*\\*(.+?)\\*\\*", "*$1*")
        .replaceAll("\\[([^\\]]+)]\\((https?://[^)\\s]+)\\)", "<$2|$1>");
  }
}
