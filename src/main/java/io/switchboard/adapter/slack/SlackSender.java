package io.switchboard.adapter.slack;

import io.switchboard.egress.EgressDelivery;
import io.switchboard.egress.OutgoingReply;
import io.switchboard.egress.PlatformSender;
import io.switchboard.egress.TransientDeliveryException;
import io.switchboard.envelope.Envelope;
import io.switchboard.egress.ConfirmationButtons;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Slack's sink: chat.postMessage in the conversation's thread, with the model's Markdown as Slack mrkdwn; a
 * confirmation question carries its buttons as Block Kit.
 */
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
    List<Map<String, Object>> blocks = confirmationBlocks(reply);
    if (!blocks.isEmpty()) {
      message.put("blocks", blocks); // the text stays as the notification's fallback
    }
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

  /**
   * A confirmation question as Block Kit: its text, then an actions block per held call with a primary button to
   * confirm and a danger one to cancel; a press comes back as a {@code block_actions} payload with the button's value.
   */
  static List<Map<String, Object>> confirmationBlocks(Envelope reply) {
    List<List<ConfirmationButtons.Button>> rows = ConfirmationButtons.of(reply);
    if (rows.isEmpty()) {
      return List.of();
    }
    List<Map<String, Object>> blocks = new ArrayList<>();
    blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", mrkdwn(reply.text()))));
    for (List<ConfirmationButtons.Button> row : rows) {
      List<Map<String, Object>> elements = new ArrayList<>();
      for (ConfirmationButtons.Button button : row) {
        elements.add(Map.of("type", "button", "text", Map.of("type", "plain_text", "text", button.label()), "value", button.command(),
            "action_id", button.command().replace(' ', '-').substring(1), "style", button.confirms() ? "primary" : "danger"));
      }
      blocks.add(Map.of("type", "actions", "elements", elements));
    }
    return blocks;
  }

  /** Markdown to Slack mrkdwn: {@code **bold**} is {@code *bold*}, links are {@code <url|text>}; the rest is alike. */
  static String mrkdwn(String markdown) {
    return markdown
        .replaceAll("\\*\\*(.+?)\\*\\*", "*$1*")
        .replaceAll("\\[([^\\]]+)]\\((https?://[^)\\s]+)\\)", "<$2|$1>");
  }
}
