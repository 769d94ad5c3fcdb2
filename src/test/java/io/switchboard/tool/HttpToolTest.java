package io.switchboard.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The URL an HTTP tool sends, from its template and the model's arguments. */
class HttpToolTest {

  final ObjectMapper json = new ObjectMapper();

  @Test
  void placeholdersTakeTheirArgumentsAndTheRestGoInTheQuery() throws Exception {
    ObjectNode arguments = (ObjectNode) json.readTree("{\"owner\":\"apache\",\"repo\":\"camel\",\"state\":\"open\"}");
    String url = HttpTool.fill("https://api.example.org/repos/{owner}/{repo}/issues", arguments);
    assertThat(HttpTool.withQuery(url, arguments)).isEqualTo("https://api.example.org/repos/apache/camel/issues?state=open");
  }

  @Test
  void anArgumentCannotAddPathSegmentsAQueryOrAnotherHost() throws Exception {
    ObjectNode arguments = (ObjectNode) json.readTree("{\"city\":\"../../admin?token=1#x\"}");
    assertThat(HttpTool.fill("https://weather.example.org/v1/{city}", arguments))
        .isEqualTo("https://weather.example.org/v1/..%2F..%2Fadmin%3Ftoken%3D1%23x");
    ObjectNode host = (ObjectNode) json.readTree("{\"city\":\"evil.example.com/x\"}");
    assertThat(HttpTool.fill("https://weather.example.org/{city}", host)).startsWith("https://weather.example.org/evil.example.com%2Fx");
  }

  @Test
  void aMissingPlaceholderArgumentIsAnErrorForTheModel() {
    assertThatThrownBy(() -> HttpTool.fill("https://x.example.org/{id}", json.createObjectNode()))
        .isInstanceOf(ToolFailure.class).hasMessageContaining("'id' is required");
  }
}
