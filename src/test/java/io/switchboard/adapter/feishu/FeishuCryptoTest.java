package io.switchboard.adapter.feishu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FeishuCryptoTest {

  @Test
  void theOfficialDecryptionVector() {
    // open.feishu.cn "request URL configuration case": encrypt_key "test key"
    assertThat(FeishuCrypto.decrypt("test key", "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=")).isEqualTo("hello world");
  }

  @Test
  void encryptionRoundTripsWithARandomIv() {
    String a = FeishuCrypto.encrypt("k", "{\"x\":\"事件\"}");
    String b = FeishuCrypto.encrypt("k", "{\"x\":\"事件\"}");
    assertThat(a).isNotEqualTo(b);
    assertThat(FeishuCrypto.decrypt("k", a)).isEqualTo("{\"x\":\"事件\"}");
    assertThatThrownBy(() -> FeishuCrypto.decrypt("other key", a)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSignatureIsAPlainSha256OfTimestampNonceKeyAndBody() {
    // echo -n '1700000000nonce-1test key{"encrypt":"abc"}' | sha256sum
    assertThat(FeishuCrypto.signature("1700000000", "nonce-1", "test key", "{\"encrypt\":\"abc\"}"))
        .isEqualTo("fdc92a0dc5d4bf3902f7d6ce4441e6cab5129dccfad736c3c63864dfae48123c");
  }
}
