package io.switchboard.adapter.slack;

import io.switchboard.egress.ConfirmationButtons;
import io.switchboard.egress.EditedStreams;
import io.switchboard.egress.EgressDelivery;
import io.switchboard.egress.OutgoingReply;
import io.switchboard.egress.PlatformSender;
import io.switchboard.envelope.Envelope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Slack's sink: chat.postMessage in the conversation's thread, with the model's Markdown as Slack mrkdwn; a
 * confirmation question carries its buttons as Block Kit.
 */
@Component("slackSender")
public class SlackSender implements PlatformSender {

  private final SlackApi api;
  private final EgressDelivery delivery;
  private final EditedStreams streams;
  private final EditedStreams.EditableMessages messages = new EditedStreams.EditableMessages() {
    @Override
    public String post(Envelope partial, String text) throws InterruptedException {
      Map<String, Object> message = message(partial, text);
      return api.call(partial.conversation().bot(), "chat.postMessage", message).path("ts").asText();
    }

    @Override
    public void edit(Envelope partial, String ts, String text) throws InterruptedException {
      Map<String, Object> message = message(partial, text);
      message.remove("thread_ts");
      message.put("ts", ts);
      api.call(partial.conversation().bot(), "chat.update", message);
    }
  };

  public SlackSender(SlackApi api, EgressDelivery delivery, EditedStreams streams) {
    this.api = api;
    this.delivery = delivery;
    this.streams = streams;
  }

  @Override
  public String adapter() {
    return "slack";
  }

  @Override
  public void send(OutgoingReply outgoing) throws InterruptedException {
    Envelope reply = outgoing.reply();
    Map<String, Object> message = message(reply, reply.text());
    List<Map<String, Object>> blocks = confirmationBlocks(reply);
    if (!blocks.isEmpty()) {
      message.put("blocks", blocks); // the text stays as the notification's fallback
    }
    long started = System.nanoTime();
    Optional<String> streamed = streams.shownAs(reply);
    if (streamed.isPresent()) {
      // the message the answer was written into becomes the answer
      message.remove("thread_ts");
      message.put("ts", streamed.get());
      api.call(reply.conversation().bot(), "chat.update", message);
    } else {
      api.call(reply.conversation().bot(), "chat.postMessage", message);
    }
    streams.finished(reply);
    delivery.sent("slack", System.nanoTime() - started);
  }

  /** The answer so far, in one message posted by the first partial and edited by the later ones ({@link EditedStreams}). */
  @Override
  public void partial(Envelope partial) throws IOException, InterruptedException {
    streams.partial(partial, messages);
  }

  /** A message to the conversation's channel, in its thread when it has one, with the Markdown as mrkdwn. */
  private static Map<String, Object> message(Envelope reply, String text) {
    SlackInbound.Destination destination = SlackInbound.Destination.of(reply.conversation().chatId());
    Map<String, Object> message = new HashMap<>();
    message.put("channel", destination.channel());
    message.put("text", mrkdwn(text));
    message.put("mrkdwn", true);
    if (destination.threadTs() != null) {
      message.put("thread_ts", destination.threadTs());
    }
    return message;
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
