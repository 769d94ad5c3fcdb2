package io.switchboard.adapter.feishu;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.egress.ConfirmationButtons;
import io.switchboard.egress.EgressDelivery;
import io.switchboard.egress.OutgoingReply;
import io.switchboard.egress.PlatformSender;
import io.switchboard.egress.TransientDeliveryException;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import io.switchboard.kernel.MetaKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Feishu's sink: replies to the message it answers ({@code /im/v1/messages/{message_id}/reply}), as text, or as rich
 * text (post, a paragraph per block) when the reply is long; a confirmation question as an interactive card with its
 * buttons.
 */
@Component("feishuSender")
public class FeishuSender implements PlatformSender {

  /** Replies longer than this go out as rich text (post), which keeps the paragraphs readable. */
  static final int POST_ABOVE = 500;

  private final ObjectMapper json = new ObjectMapper();
  private final FeishuApi api;
  private final EgressDelivery delivery;

  public FeishuSender(FeishuApi api, EgressDelivery delivery) {
    this.api = api;
    this.delivery = delivery;
  }

  @Override
  public String adapter() {
    return "feishu";
  }

  @Override
  public void send(OutgoingReply outgoing) throws InterruptedException, JsonProcessingException {
    Envelope reply = outgoing.reply();
    String botId = reply.conversation().bot();
    Map<String, String> content = ConfirmationButtons.of(reply).isEmpty() ? content(reply.text()) : card(reply);
    Object inReplyTo = reply.meta(Envelopes.META_IN_REPLY_TO);
    long started = System.nanoTime();
    try {
      if (inReplyTo != null && !Boolean.TRUE.equals(reply.meta(MetaKeys.STANDALONE))) {
        api.post(botId, "/open-apis/im/v1/messages/" + FeishuInbound.messageIdOf(String.valueOf(inReplyTo)) + "/reply", content);
      } else {
        api.post(botId, "/open-apis/im/v1/messages?receive_id_type=chat_id",
            Map.of("receive_id", reply.conversation().chatId(), "msg_type", content.get("msg_type"), "content", content.get("content")));
      }
    } catch (TransientDeliveryException e) {
      throw e;
    }
    delivery.sent("feishu", System.nanoTime() - started);
  }

  /**
   * A confirmation question as an interactive card: its text, then per held call a primary button to confirm and a
   * danger one to cancel, each carrying its command in {@code value}; a press comes back as {@code card.action.trigger}.
   */
  Map<String, String> card(Envelope reply) throws JsonProcessingException {
    List<Map<String, Object>> elements = new ArrayList<>();
    elements.add(Map.of("tag", "div", "text", Map.of("tag", "plain_text", "content", reply.text())));
    for (List<ConfirmationButtons.Button> row : ConfirmationButtons.of(reply)) {
      List<Map<String, Object>> actions = new ArrayList<>();
      for (ConfirmationButtons.Button button : row) {
        actions.add(Map.of("tag", "button", "text", Map.of("tag", "plain_text", "content", button.label()),
            "type", button.confirms() ? "primary" : "danger", "value", Map.of("command", button.command())));
      }
      elements.add(Map.of("tag", "action", "actions", actions));
    }
    Map<String, Object> card = Map.of("config", Map.of("wide_screen_mode", true), "elements", elements);
    return Map.of("msg_type", "interactive", "content", json.writeValueAsString(card));
  }

  Map<String, String> content(String text) throws JsonProcessingException {
    if (text.length() <= POST_ABOVE) {
      return Map.of("msg_type", "text", "content", json.writeValueAsString(Map.of("text", text)));
    }
    List<List<Map<String, String>>> paragraphs = new ArrayList<>();
    for (String paragraph : text.split("\\n\\s*\\n")) {
      paragraphs.add(List.of(Map.of("tag", "text", "text", paragraph.strip())));
    }
    Map<String, Object> post = Map.of("zh_cn", Map.of("title", "", "content", paragraphs));
    return Map.of("msg_type", "post", "content", json.writeValueAsString(post));
  }
}
