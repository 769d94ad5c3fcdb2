package io.switchboard.adapter.feishu;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.egress.EgressDelivery;
import io.switchboard.egress.OutgoingReply;
import io.switchboard.egress.PlatformSender;
import io.switchboard.egress.TransientDeliveryException;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Feishu's sink: replies to the message it answers ({@code /im/v1/messages/{message_id}/reply}), as text, or as rich
 * text (post, a paragraph per block) when the reply is long.
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
    Map<String, String> content = content(reply.text());
    Object inReplyTo = reply.meta(Envelopes.META_IN_REPLY_TO);
    long started = System.nanoTime();
    try {
      if (inReplyTo != null) {
        api.post(botId, "/open-apis/im/v1/messages/" + inReplyTo + "/reply", content);
      } else {
        api.post(botId, "/open-apis/im/v1/messages?receive_id_type=chat_id",
            Map.of("receive_id", reply.conversation().chatId(), "msg_type", content.get("msg_type"), "content", content.get("content")));
      }
    } catch (TransientDeliveryException e) {
      throw e;
    }
    delivery.sent("feishu", System.nanoTime() - started);
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
