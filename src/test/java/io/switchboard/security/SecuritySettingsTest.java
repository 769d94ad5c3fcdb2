package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecuritySettingsTest {

  @Test
  void openModeIsRefusedUnlessTheServerBindsToLoopback() {
    for (String address : List.of("", "0.0.0.0", "::", "192.168.1.10")) {
      SecuritySettings open = new SecuritySettings("open", address, List.of(), "local");
      assertThatThrownBy(open::requireLoopbackForOpenMode).as(address).hasMessageContaining("switchboard.api.auth=open is refused");
    }
    assertThatCode(new SecuritySettings("open", "127.0.0.1", List.of(), "local")::requireLoopbackForOpenMode).doesNotThrowAnyException();
    assertThatCode(new SecuritySettings("open", "::1", List.of(), "local")::requireLoopbackForOpenMode).doesNotThrowAnyException();
    assertThatCode(new SecuritySettings("keys", "", List.of(), "local")::requireLoopbackForOpenMode).doesNotThrowAnyException();
  }

  @Test
  void anUnknownAuthenticationModeStopsTheStart() {
    assertThatThrownBy(() -> new SecuritySettings("none", "", List.of(), "local")).hasMessageContaining("must be 'keys' or 'open'");
  }

  @Test
  void wildcardOriginsAreNeverAllowed() {
    SecuritySettings settings = new SecuritySettings("keys", "", List.of("https://ops.example.org/", "*", "https://*.evil.example"), "local");
    org.assertj.core.api.Assertions.assertThat(settings.allowedOrigins()).containsExactly("https://ops.example.org");
  }
}
