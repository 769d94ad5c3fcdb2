package io.switchboard.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.webhook.WebhookRejectedException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The documented example of adapters/http/README.md, computed independently (Python's hmac module). */
class HttpSignatureTest {

  static final String SECRET = "whsec-switchboard-example-0001";
  static final String TIMESTAMP = "1767225600";
  static final String BODY = "{\"chat\":\"room-1\",\"user\":{\"id\":\"u1\",\"name\":\"Ann\"},\"text\":\"hello\"}";
  static final String SIGNATURE = "v1=e4de5bb88fda73de1c800a142e4394b566773c7bf1e7547c470bc386ffe47ab4";
  static final Instant NOW = Instant.ofEpochSecond(1767225600L + 30);

  @Test
  void signsTheDocumentedExample() {
    assertThat(HttpSignature.sign(SECRET, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
    assertThatCode(() -> HttpSignature.verify(SECRET, TIMESTAMP, BODY, SIGNATURE, NOW)).doesNotThrowAnyException();
  }

  @Test
  void refusesForgedStaleAndMissingSignatures() {
    assertThatThrownBy(() -> HttpSignature.verify(SECRET, TIMESTAMP, BODY + " ", SIGNATURE, NOW))
        .isInstanceOf(WebhookRejectedException.class)
        .hasMessageContaining("does not match");
    assertThatThrownBy(() -> HttpSignature.verify("another-secret-0000", TIMESTAMP, BODY, SIGNATURE, NOW))
        .hasMessageContaining("does not match");
    assertThatThrownBy(() -> HttpSignature.verify(SECRET, TIMESTAMP, BODY, SIGNATURE, NOW.plusSeconds(301)))
        .hasMessageContaining("stale");
    assertThatThrownBy(() -> HttpSignature.verify(SECRET, null, BODY, SIGNATURE, NOW)).hasMessageContaining("missing");
    assertThatThrownBy(() -> HttpSignature.verify(SECRET, "yesterday", BODY, SIGNATURE, NOW)).hasMessageContaining("Unix seconds");
    assertThat(catchStatus(() -> HttpSignature.verify(SECRET, TIMESTAMP, BODY, "v1=00", NOW))).isEqualTo(401);
  }

  private static int catchStatus(Runnable call) {
    try {
      call.run();
      return 0;
    } catch (WebhookRejectedException e) {
      return e.status();
    }
  }
}
