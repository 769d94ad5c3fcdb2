package io.switchboard.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import org.junit.jupiter.api.Test;

/** Events API callbacks as Slack documents them, converted to events. */
class SlackInboundTest {

  final ObjectMapper json = new ObjectMapper();

  @Test
  void aMemberJoiningOrLeavingAChannelIsAGroupEventInTheChannel() throws Exception {
    // member_joined_channel as the Events API reference shows it, in its event_callback wrapper
    Envelope joined = SlackInbound.toEvent("sl", "UBOT", json.readTree("""
        {"token": "XXYYZZ", "team_id": "T123ABC456", "api_app_id": "A123ABC456", "type": "event_callback", "event_id": "Ev123ABC456",
         "event_time": 1767225600,
         "event": {"type": "member_joined_channel", "user": "W123ABC456", "channel": "C123ABC456", "channel_type": "C",
                   "team": "T123ABC456", "inviter": "U123456789"}}""")).orElseThrow();
    assertThat(joined.type()).isEqualTo(Envelope.GROUP_MEMBER_JOINED);
    assertThat(joined.id()).isEqualTo("C123ABC456:Ev123ABC456");
    assertThat(joined.subject()).isEqualTo("slack:sl:C123ABC456"); // the channel, not a thread
    assertThat(joined.data().sender().id()).isEqualTo("W123ABC456");
    assertThat(joined.data().parts()).containsExactly(Envelopes.mention("W123ABC456", null));
    assertThat(joined.meta(Envelopes.META_ACTOR)).isEqualTo("U123456789");

    Envelope left = SlackInbound.toEvent("sl", "UBOT", json.readTree("""
        {"type": "event_callback", "event_id": "Ev2", "event_time": 1767225601,
         "event": {"type": "member_left_channel", "user": "W123ABC456", "channel": "C123ABC456", "channel_type": "C", "team": "T1"}}"""))
        .orElseThrow();
    assertThat(left.type()).isEqualTo(Envelope.GROUP_MEMBER_LEFT);
  }

  @Test
  void theBotJoiningAChannelIsTheBotsOwnEventFromWhoeverInvitedIt() throws Exception {
    Envelope added = SlackInbound.toEvent("sl", "UBOT", json.readTree("""
        {"type": "event_callback", "event_id": "Ev3", "event_time": 1767225600,
         "event": {"type": "member_joined_channel", "user": "UBOT", "channel": "C9", "channel_type": "G", "team": "T1", "inviter": "U5"}}"""))
        .orElseThrow();
    assertThat(added.type()).isEqualTo(Envelope.GROUP_BOT_ADDED);
    assertThat(added.data().sender().id()).isEqualTo("U5");
  }
}
