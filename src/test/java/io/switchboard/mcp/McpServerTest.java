package io.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.testing.FakeMcpServer;
import io.switchboard.testing.LoopbackServer;
import io.switchboard.testing.StdioMcpServer;
import io.switchboard.tool.Tool;
import io.switchboard.tool.ToolDefinition;
import io.switchboard.tool.ToolFailure;
import io.switchboard.tool.ToolSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** One MCP server's connection, against real MCP servers on loopback: streamable HTTP and a stdio child process. */
class McpServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final FakeMcpServer HTTP = LoopbackServer.start(() -> new FakeMcpServer("calc", "s3cret"));
  private static final McpClients CLIENTS = new McpClients(new ToolSettings(8, Duration.ofSeconds(10), null, null));

  @AfterAll
  static void stop() {
    HTTP.close();
  }

  private static McpServer overHttp(String name, String token, List<String> confirm) {
    return new McpServer(name, new McpSettings.Server(HTTP.url(), Map.of("Authorization", "Bearer " + token), null, null, confirm, Duration.ofSeconds(10)),
        CLIENTS::connect);
  }

  private static ObjectNode arguments(String json) throws Exception {
    return (ObjectNode) JSON.readTree(json);
  }

  private static List<String> names(McpServer server) {
    return server.tools().stream().map(tool -> tool.definition().name()).toList();
  }

  @Test
  void anHttpServersToolsAreOfferedUnderItsNameAndCalledByTheirOwn() throws Exception {
    try (McpServer server = overHttp("calc", "s3cret", List.of())) {
      server.check();
      assertThat(server.up()).isTrue();
      assertThat(names(server)).contains("calc.add", "calc.fail", "calc.unlock");
      Tool add = server.tools().stream().filter(tool -> tool.definition().name().equals("calc.add")).findFirst().orElseThrow();
      assertThat(add.definition().origin()).isEqualTo(ToolDefinition.MCP);
      assertThat(add.definition().parameters().path("required").toString()).contains("a", "b");
      assertThat(add.call(arguments("{\"a\":2,\"b\":40}"), null)).isEqualTo("42");
      assertThat(HTTP.calls()).contains("add");
    }
  }

  @Test
  void anErrorResultIsAFailureTheModelReads() {
    try (McpServer server = overHttp("calc", "s3cret", List.of())) {
      server.check();
      assertThatThrownBy(() -> server.call("fail", JSON.createObjectNode())).isInstanceOf(ToolFailure.class).hasMessage("the disk is full");
    }
  }

  @Test
  void whenTheServerSaysItsListChangedTheNewToolIsOffered() throws Exception {
    try (McpServer server = overHttp("calc", "s3cret", List.of())) {
      server.check();
      assertThat(names(server)).doesNotContain("calc.vault_alpha");
      server.call("unlock", arguments("{\"name\":\"alpha\"}"));
      assertThat(names(server)).contains("calc.vault_alpha");
      assertThat(server.call("vault_alpha", JSON.createObjectNode())).isEqualTo("the vault holds 3 gold coins");
    }
  }

  @Test
  void aListChangeNobodyWasToldAboutIsPickedUpAtTheNextCheck() throws Exception {
    try (McpServer server = overHttp("calc", "s3cret", List.of())) {
      server.check();
      server.call("unlock_quietly", arguments("{\"name\":\"gamma\"}"));
      assertThat(names(server)).doesNotContain("calc.vault_gamma"); // the client's cached list
      server.check();
      assertThat(names(server)).contains("calc.vault_gamma");
    }
  }

  @Test
  void aServerThatCannotBeReachedOffersNothingAndSaysWhy() throws Exception {
    FakeMcpServer gone = new FakeMcpServer("gone", "x");
    String url = gone.url();
    gone.close();
    try (McpServer server = new McpServer("gone", new McpSettings.Server(url, null, null, null, null, Duration.ofSeconds(2)), CLIENTS::connect)) {
      server.check();
      assertThat(server.up()).isFalse();
      assertThat(server.downReason()).isNotBlank();
      assertThat(server.tools()).isEmpty();
      assertThatThrownBy(() -> server.call("add", JSON.createObjectNode())).isInstanceOf(ToolFailure.class).hasMessageContaining("not reachable");
    }
  }

  @Test
  void aWrongTokenKeepsTheServerDown() {
    try (McpServer server = overHttp("calc", "wrong", List.of())) {
      server.check();
      assertThat(server.up()).isFalse();
      assertThat(server.tools()).isEmpty();
    }
  }

  @Test
  void aServerThatGoesDownLosesItsToolsUntilItIsBack() {
    try (McpServer server = overHttp("calc", "s3cret", List.of())) {
      server.check();
      assertThat(server.up()).isTrue();
      HTTP.available(false);
      server.check();
      assertThat(server.up()).isFalse();
      assertThat(server.tools()).isEmpty();
      HTTP.available(true);
      server.check();
      assertThat(server.up()).isTrue();
      assertThat(names(server)).contains("calc.add");
    } finally {
      HTTP.available(true);
    }
  }

  @Test
  void toolsMatchingTheServersConfirmPatternsNeedAHuman() {
    try (McpServer server = overHttp("calc", "s3cret", List.of("un*"))) {
      server.check();
      assertThat(server.tools()).filteredOn(tool -> tool.definition().confirm()).extracting(tool -> tool.definition().name())
          .containsExactly("calc.unlock");
    }
  }

  @Test
  void aStdioServerRunsAsAChildProcessAndIsCalledOverItsPipes() throws Exception {
    McpSettings.Server settings = new McpSettings.Server(null, null, StdioMcpServer.command("desk"), Map.of("DESK_MODE", "test"), null, Duration.ofSeconds(20));
    try (McpServer server = new McpServer("desk", settings, CLIENTS::connect)) {
      server.check();
      assertThat(server.up()).as(String.valueOf(server.downReason())).isTrue();
      assertThat(names(server)).contains("desk.add");
      assertThat(server.call("add", arguments("{\"a\":4,\"b\":5}"))).isEqualTo("9");
      server.call("unlock", arguments("{\"name\":\"beta\"}"));
      assertThat(names(server)).contains("desk.vault_beta");
    }
  }

  @Test
  void aServerNeedsExactlyOneWayToBeReached() {
    assertThatThrownBy(() -> new McpSettings.Server(null, null, null, null, null, null).validate("empty"))
        .hasMessageContaining("switchboard.mcp.servers.empty needs either url or command");
    assertThatThrownBy(() -> new McpSettings.Server("http://127.0.0.1:1/mcp", null, List.of("x"), null, null, null).validate("both"))
        .hasMessageContaining("not both");
  }
}
