package io.switchboard.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.outbound.GuardedHttpClient;
import io.switchboard.outbound.OutboundGuard;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The built-in tools without a broker: the time, and a page's text through the guarded client. */
class BuiltInToolsTest {

  final ObjectMapper json = new ObjectMapper();

  @Test
  void currentTimeAnswersInTheNamedZoneAndExplainsAnUnknownOne() throws Exception {
    CurrentTimeTool tool = new CurrentTimeTool(Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC));
    ObjectNode tokyo = json.createObjectNode().put("timezone", "Asia/Tokyo");
    assertThat(tool.call(tokyo, null)).isEqualTo("Thursday 2026-12-03 21:00:00 +09:00 [Asia/Tokyo]");
    assertThat(tool.call(json.createObjectNode(), null)).contains("12:00:00", "[UTC]");
    assertThatThrownBy(() -> tool.call(json.createObjectNode().put("timezone", "Mars/Olympus"), null))
        .isInstanceOf(ToolFailure.class).hasMessageContaining("unknown time zone");
  }

  @Test
  void aPageIsReducedToItsReadableText() {
    String text = FetchUrlTool.textOf("<html><head><title>T</title><style>p{}</style></head><body><p>One.</p><p>Two.</p>"
        + "<script>alert(1)</script></body></html>", "https://example.org/");
    assertThat(text).startsWith("T\n\n").contains("One.", "Two.").doesNotContain("alert", "p{}");
    assertThat(text.indexOf("Two.")).isGreaterThan(text.indexOf("One.") + 4);
  }

  @Test
  void fetchUrlCannotReachLoopbackOrMetadataAddresses() {
    FetchUrlTool tool = new FetchUrlTool(new GuardedHttpClient(new OutboundGuard(java.util.List.of()), DataSize.ofMegabytes(1), java.time.Duration.ofSeconds(5)), 1000);
    for (String url : new String[] {"http://127.0.0.1:8081/actuator/env", "http://169.254.169.254/latest/meta-data/", "http://[::1]/"}) {
      assertThatThrownBy(() -> tool.call(json.createObjectNode().put("url", url), null)).as(url)
          .isInstanceOf(ToolFailure.class).hasMessageContaining("cannot fetch");
    }
  }
}
