package io.switchboard.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The code of a /run message, however the chat client wrote it. */
class SandboxSceneTest {

  @Test
  void theCodeIsTheRestOfTheLineOrTheLinesAfterTheLanguage() {
    assertThat(SandboxScene.codeOf("/run python print(6 * 7)")).isEqualTo("print(6 * 7)");
    assertThat(SandboxScene.codeOf("/run python\nfor i in range(3):\n    print(i)")).isEqualTo("for i in range(3):\n    print(i)");
    assertThat(SandboxScene.codeOf("!sandbox run shell echo hi")).isEqualTo("echo hi");
  }

  @Test
  void aFenceAroundTheCodeIsTakenOff() {
    assertThat(SandboxScene.codeOf("/run python\n```python\nprint('fenced')\n```")).isEqualTo("print('fenced')");
  }

  @Test
  void noCodeIsNoCode() {
    assertThat(SandboxScene.codeOf("/run python")).isEmpty();
    assertThat(SandboxScene.codeOf("/run python   \n  ")).isEmpty();
  }
}
