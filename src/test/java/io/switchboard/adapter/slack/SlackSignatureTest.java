package io.switchboard.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Slack's official test vector (docs.slack.dev "Verifying requests from Slack", pinned by python-slack-sdk's test). */
class SlackSignatureTest {

  static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  static final String TIMESTAMP = "1531420618";
  static final String BODY =
      "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar"
          + "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com"
          + "%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
  static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
  static final Instant NOW = Instant.ofEpochSecond(1531420618L);

  @Test
  void theOfficialVector() {
    assertThat(SlackSignature.sign(SIGNING_SECRET, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
    assertThatCode(() -> SlackSignature.verify(SIGNING_SECRET, TIMESTAMP, BODY, SIGNATURE, NOW)).doesNotThrowAnyException();
  }

  @Test
  void forgedAndStaleRequestsAreRefused() {
    assertThatThrownBy(() -> SlackSignature.verify(SIGNING_SECRET, TIMESTAMP, BODY + "&x=1", SIGNATURE, NOW)).hasMessageContaining("does not match");
    assertThatThrownBy(() -> SlackSignature.verify(SIGNING_SECRET, TIMESTAMP, BODY, SIGNATURE, NOW.plusSeconds(301))).hasMessageContaining("stale");
    assertThatThrownBy(() -> SlackSignature.verify(SIGNING_SECRET, null, BODY, SIGNATURE, NOW)).hasMessageContaining("missing");
  }
}
