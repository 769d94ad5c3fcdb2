package io.switchboard.adapter.feishu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
}
