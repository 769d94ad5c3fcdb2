package io.switchboard.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The code of a /run message, however the chat client wrote it, and the names its attachments get. */
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

  @Test
  void anAttachmentsNameIsMadePlainSoThatItLandsInTheWorkingDirectory() {
    assertThat(SandboxScene.fileName("sales 2026.csv", 1)).isEqualTo("sales_2026.csv");
    assertThat(SandboxScene.fileName("../../etc/passwd", 1)).isEqualTo("_.._etc_passwd");
    assertThat(SandboxScene.fileName(".bashrc", 1)).isEqualTo("bashrc");
    assertThat(SandboxScene.fileName("報告.txt", 2)).isEqualTo("__.txt");
    assertThat(SandboxScene.fileName(null, 3)).isEqualTo("attachment-3");
    assertThat(SandboxScene.fileName("x".repeat(100) + ".csv", 1)).hasSize(64).endsWith(".csv");
    assertThat(SandboxRequest.safeName(SandboxScene.fileName("../../etc/passwd", 1))).isTrue();
  }
}
