package io.switchboard.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyCipherTest {

  final KeyCipher cipher = new KeyCipher("a deployment secret");

  @Test
  void aKeyRoundTripsAndIsNeverStoredInTheClear() {
    String stored = cipher.encrypt("sk-live-1234567890");
    assertThat(stored).startsWith("v1:").doesNotContain("sk-live");
    assertThat(cipher.decrypt(stored)).isEqualTo("sk-live-1234567890");
    // a fresh IV each time: the same key never encrypts to the same text
    assertThat(cipher.encrypt("sk-live-1234567890")).isNotEqualTo(stored);
  }

  @Test
  void anotherSecretOrATamperedValueDoesNotDecrypt() {
    String stored = cipher.encrypt("sk-live-1234567890");
    assertThatThrownBy(() -> new KeyCipher("another secret").decrypt(stored)).isInstanceOf(IllegalArgumentException.class);
    char[] chars = stored.toCharArray();
    chars[10] = chars[10] == 'A' ? 'B' : 'A';
    assertThatThrownBy(() -> cipher.decrypt(new String(chars))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KeyCipher(" ")).hasMessageContaining("switchboard.keys.secret");
  }

  @Test
  void onlyTheLastFourCharactersAreShown() {
    assertThat(KeyCipher.hint("sk-live-1234567890")).isEqualTo("…7890");
    assertThat(KeyCipher.hint("abc")).isEqualTo("…");
  }

  @Test
  void aKeySetLineIsMaskedBeforeItIsStored() {
    assertThat(KeyRedaction.redact("/key set sk-live-1234567890 https://api.example.com/v1 gpt-4o"))
        .isEqualTo("/key set …7890 https://api.example.com/v1 gpt-4o");
    assertThat(KeyRedaction.redact("key set \"sk-live-1234567890\"")).isEqualTo("key set …7890");
    assertThat(KeyRedaction.redact("!KEY SET sk-abcdef")).isEqualTo("!KEY SET …cdef");
    assertThat(KeyRedaction.redact("what is a key set in music?")).isEqualTo("what is a key set in music?");
    assertThat(KeyRedaction.redact("hello")).isEqualTo("hello");
  }
}
