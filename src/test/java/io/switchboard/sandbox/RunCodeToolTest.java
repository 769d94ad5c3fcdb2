package io.switchboard.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.tool.ToolFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** run_code as the model sees it, without a Docker daemon: asks a human first, says it is unavailable, reports plainly. */
class RunCodeToolTest {

  static final Map<String, SandboxSettings.Profile> PROFILES = Map.of(
      "python", new SandboxSettings.Profile("switchboard-sandbox:python", "python", "main.py", List.of("python3", "{file}"), null),
      "shell", new SandboxSettings.Profile("switchboard-sandbox:shell", "shell", "main.sh", List.of("sh", "{file}"), null));
  final RunCodeTool tool = new RunCodeTool(new DockerSandbox(new SandboxSettings("unix:///nonexistent/docker.sock", 4, null, PROFILES)), null);

  @Test
  void itAsksAHumanFirstAndOffersTheProfilesLanguages() {
    assertThat(tool.definition().confirm()).isTrue();
    assertThat(tool.definition().parameters().path("properties").path("language").path("enum").toString()).isEqualTo("[\"python\",\"shell\"]");
    assertThat(tool.definition().description()).contains("no network", "256 MiB", "30 s");
  }

  @Test
  void aCallMayTakeTheSandboxsTimeLimitAndItsMargin() {
    assertThat(tool.callTimeout()).hasValue(Duration.ofSeconds(60)); // 30 s limit + 30 s for start, outer kill and logs
  }

  @Test
  void withoutDockerItIsUnavailableAndACallSaysWhy() {
    assertThat(tool.unavailable()).hasValueSatisfying(reason -> assertThat(reason).contains("no Docker daemon answers"));
    ObjectNode arguments = new ObjectMapper().createObjectNode().put("language", "python").put("code", "print(1)");
    assertThatThrownBy(() -> tool.call(arguments, null)).isInstanceOf(ToolFailure.class).hasMessageStartingWith("the sandbox is unavailable");
  }

  @Test
  void anUnknownLanguageIsAFailureTheModelCanActOn() {
    ObjectNode arguments = new ObjectMapper().createObjectNode().put("language", "cobol").put("code", "DISPLAY 1");
    assertThatThrownBy(() -> tool.call(arguments, null)).isInstanceOf(ToolFailure.class).hasMessage("no sandbox runs cobol; it runs python, shell");
  }

  @Test
  void theReportIsTheSummaryThenEachStreamThatSaidSomething() {
    SandboxResult result = new SandboxResult(1, Duration.ofMillis(300), SandboxResult.Stop.NONE, false, "", 0, false, "boom\n", 5, false, null,
        SandboxLimits.DEFAULTS);
    assertThat(RunCodeTool.report(result)).isEqualTo("exit 1 in 0.3 s\n--- stderr ---\nboom\n");
  }
}
