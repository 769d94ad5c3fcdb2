package io.switchboard.adapter.feishu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import java.util.List;
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
  void membersAddedToOrRemovedFromAChatAreGroupEventsOneEach() throws Exception {
    // im.chat.member.user.added_v1 as Feishu's event list documents it
    List<Envelope> added = FeishuInbound.groupEvents("fs", json.readTree("""
        {"schema": "2.0", "header": {"event_id": "ev-9", "event_type": "im.chat.member.user.added_v1", "create_time": "1767225600000",
         "token": "t", "app_id": "cli_x", "tenant_key": "tk"},
         "event": {"chat_id": "oc_team", "operator_id": {"open_id": "ou_admin", "user_id": "u_admin"}, "external": false, "name": "Team",
                   "users": [{"name": "Bo", "tenant_key": "tk", "user_id": {"open_id": "ou_bo", "user_id": "u_bo", "union_id": "on_bo"}},
                             {"name": "Cy", "tenant_key": "tk", "user_id": {"open_id": "ou_cy"}}]}}"""));
    assertThat(added).extracting(Envelope::type).containsOnly(Envelope.GROUP_MEMBER_JOINED);
    assertThat(added).extracting(Envelope::id).containsExactly("oc_team:ev-9:ou_bo", "oc_team:ev-9:ou_cy");
    assertThat(added.get(0).data().sender()).isEqualTo(new Envelope.Sender("ou_bo", "Bo"));
    assertThat(added.get(0).meta(Envelopes.META_ACTOR)).isEqualTo("ou_admin");
    assertThat(added.get(0).subject()).isEqualTo("feishu:fs:oc_team");
    assertThat(FeishuInbound.toEvent("fs", json.readTree("""
        {"schema": "2.0", "header": {"event_id": "ev-9", "event_type": "im.chat.member.user.added_v1"}, "event": {"chat_id": "oc_team"}}"""))).isEmpty();

    List<Envelope> bot = FeishuInbound.groupEvents("fs", json.readTree("""
        {"schema": "2.0", "header": {"event_id": "ev-10", "event_type": "im.chat.member.bot.deleted_v1", "create_time": "1767225600000"},
         "event": {"chat_id": "oc_team", "operator_id": {"open_id": "ou_admin"}, "external": false, "name": "Team"}}"""));
    assertThat(bot).singleElement().satisfies(event -> {
      assertThat(event.type()).isEqualTo(Envelope.GROUP_BOT_REMOVED);
      assertThat(event.data().sender().id()).isEqualTo("ou_admin");
    });
  }

  @Test
  void aCardActionThatIsNotOneOfOurButtonsIsDropped() throws Exception {
    assertThat(FeishuInbound.toEvent("fs", json.readTree(FeishuBotTest.cardAction("ou_9", "oc_1", "om_card", "tell me a joke", "ev-2")))).isEmpty();
  }
}
