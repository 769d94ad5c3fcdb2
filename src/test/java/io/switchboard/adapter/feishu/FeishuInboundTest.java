package io.switchboard.adapter.feishu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.envelope.Envelope;
import org.junit.jupiter.api.Test;

/** Card callbacks as Feishu documents them (schema 2.0 card.action.trigger), converted to events. */
class FeishuInboundTest {

  final ObjectMapper json = new ObjectMapper();

  @Test
  void aPressOfAConfirmationButtonIsTheCommandFromItsOperatorUnderTheCard() throws Exception {
    Envelope press = FeishuInbound.toEvent("fs", json.readTree(FeishuBotTest.cardAction("ou_9", "oc_1", "om_card", "/confirm k3x9qa", "ev-1")))
        .orElseThrow();
    assertThat(press.text()).isEqualTo("/confirm k3x9qa");
    assertThat(press.data().sender().id()).isEqualTo("ou_9");
    assertThat(press.subject()).isEqualTo("feishu:fs:oc_1");
    assertThat(press.id()).isEqualTo("om_card:button:ev-1");
    assertThat(FeishuInbound.messageIdOf(press.id())).isEqualTo("om_card");
    assertThat(FeishuInbound.messageIdOf("om_plain")).isEqualTo("om_plain");
  }

  @Test
  void aCardActionThatIsNotOneOfOurButtonsIsDropped() throws Exception {
    assertThat(FeishuInbound.toEvent("fs", json.readTree(FeishuBotTest.cardAction("ou_9", "oc_1", "om_card", "tell me a joke", "ev-2")))).isEmpty();
  }
}
