package io.switchboard.adapter.feishu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import io.switchboard.kernel.MetaKeys;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeishuSenderTest {

  final FeishuSender sender = new FeishuSender(null, null);
  final ObjectMapper json = new ObjectMapper();

  @Test
  void shortRepliesAreTextLongOnesRichTextWithAParagraphPerBlock() throws Exception {
    var shortOne = sender.content("hi");
    assertThat(shortOne).containsEntry("msg_type", "text");
    assertThat(json.readTree(shortOne.get("content")).path("text").asText()).isEqualTo("hi");

    String paragraph = "word ".repeat(60).strip();
    var longOne = sender.content(paragraph + "\n\n" + paragraph + "\n \n" + paragraph);
    assertThat(longOne).containsEntry("msg_type", "post");
    JsonNode post = json.readTree(longOne.get("content")).path("zh_cn").path("content");
    assertThat(post).hasSize(3);
    assertThat(post.get(0).get(0).path("tag").asText()).isEqualTo("text");
    assertThat(post.get(2).get(0).path("text").asText()).isEqualTo(paragraph);
  }

  @Test
  void aConfirmationQuestionIsACardWithAPrimaryAndADangerButtonPerHeldCall() throws Exception {
    Envelope request = Envelopes.received(new ConversationKey("feishu", "fs", "oc_1"), "group", new Envelope.Sender("ou_1", null), "q", Map.of());
    Envelope question = Envelopes.reply(request, List.of(Envelope.Part.text("Run forget_city?")),
        Map.of(MetaKeys.CONFIRMATIONS, List.of(Map.of("id", "k3x9qa", "tool", "forget_city", "arguments", "{}"))));
    var card = sender.card(question);
    assertThat(card).containsEntry("msg_type", "interactive");
    JsonNode elements = json.readTree(card.get("content")).path("elements");
    assertThat(elements.get(0).path("text").path("content").asText()).isEqualTo("Run forget_city?");
    JsonNode buttons = elements.get(1).path("actions");
    assertThat(buttons.get(0).path("type").asText()).isEqualTo("primary");
    assertThat(buttons.get(0).path("value").path("command").asText()).isEqualTo("/confirm k3x9qa");
    assertThat(buttons.get(1).path("type").asText()).isEqualTo("danger");
    assertThat(buttons.get(1).path("text").path("content").asText()).isEqualTo("\u2716 /cancel k3x9qa");
  }
}
