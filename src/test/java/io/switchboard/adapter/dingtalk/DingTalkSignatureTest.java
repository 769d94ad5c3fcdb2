package io.switchboard.adapter.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The derived vector of the notes (DingTalk publishes the sample secret "this is secret" without an output). */
class DingTalkSignatureTest {

  static final String SECRET = "this is secret";
  static final String TIMESTAMP = "1577262236757";
  static final String SIGN = "hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=";

  @Test
  void theDerivedVector() {
    assertThat(DingTalkSignature.sign(SECRET, TIMESTAMP)).isEqualTo(SIGN);
    assertThatCode(() -> DingTalkSignature.verify(SECRET, TIMESTAMP, SIGN, Instant.ofEpochMilli(1577262236757L + 60_000))).doesNotThrowAnyException();
  }

  @Test
  void forgedAndStaleCallbacksAreRefused() {
    Instant now = Instant.ofEpochMilli(1577262236757L);
    assertThatThrownBy(() -> DingTalkSignature.verify("another secret", TIMESTAMP, SIGN, now)).hasMessageContaining("does not match");
    assertThatThrownBy(() -> DingTalkSignature.verify(SECRET, TIMESTAMP, SIGN, now.plusSeconds(3601))).hasMessageContaining("stale");
    assertThatThrownBy(() -> DingTalkSignature.verify(SECRET, null, SIGN, now)).hasMessageContaining("missing");
  }
}
