package io.switchboard.adapter.wecom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The official sample vectors (sbzhu/weworkapi_golang sample.go, the same as the Python sample's comments). */
class WeComCryptoTest {

  static final String TOKEN = "QDG6eK";
  static final String RECEIVE_ID = "wx5823bf96d3bd56c7";
  static final String AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
  static final String ECHO = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";
  static final String ENCRYPT =
      "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==";

  @Test
  void theUrlVerificationVector() {
    assertThat(WeComCrypto.signature(TOKEN, "1409659589", "263014780", ECHO)).isEqualTo("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3");
    assertThat(WeComCrypto.decrypt(AES_KEY, ECHO, RECEIVE_ID)).isEqualTo("1616140317555161061");
  }

  @Test
  void theMessageVector() {
    assertThat(WeComCrypto.signature(TOKEN, "1409659813", "1372623149", ENCRYPT)).isEqualTo("477715d11cdb4164915debcba66cb864d751f3e6");
    Map<String, String> message = WeComXml.parse(WeComCrypto.decrypt(AES_KEY, ENCRYPT, RECEIVE_ID));
    assertThat(message).containsEntry("Content", "hello").containsEntry("MsgId", "4561255354251345929").containsEntry("AgentID", "218");
  }

  @Test
  void encryptionRoundTripsAndTheReceiveIdIsChecked() {
    String encrypted = WeComCrypto.encrypt(AES_KEY, "<xml><Content><![CDATA[你好]]></Content></xml>", RECEIVE_ID);
    assertThat(WeComCrypto.decrypt(AES_KEY, encrypted, RECEIVE_ID)).isEqualTo("<xml><Content><![CDATA[你好]]></Content></xml>");
    assertThatThrownBy(() -> WeComCrypto.decrypt(AES_KEY, encrypted, "ww-another-corp")).hasMessageContaining("receive id");
    assertThat(WeComCrypto.signatureMatches(TOKEN, "1", "2", encrypted, "0".repeat(40))).isFalse();
  }

  @Test
  void longTextIsSplitBelow2048Bytes() {
    String chinese = "你好，世界。".repeat(200); // 3 bytes a character: 3,600 bytes
    var chunks = WeComSender.chunks(chinese, 2048);
    assertThat(chunks).hasSize(2).allSatisfy(c -> assertThat(c.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(2048));
    assertThat(String.join("", chunks)).isEqualTo(chinese);
  }
}
