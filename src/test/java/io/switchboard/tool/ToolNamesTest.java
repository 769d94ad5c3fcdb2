package io.switchboard.tool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A tool's name as an OpenAI-compatible model must see it: {@code ^[a-zA-Z0-9_-]{1,64}$}, still unique. */
class ToolNamesTest {

  @Test
  void aPlainNameIsOfferedAsItIs() {
    assertThat(ToolNames.forModel("current_time")).isEqualTo("current_time");
  }

  @Test
  void theServersDotTravelsAsADoubleUnderscore() {
    assertThat(ToolNames.forModel("github.create_issue")).isEqualTo("github__create_issue");
    assertThat(ToolNames.forModel("fs.files.read v2")).isEqualTo("fs__files__read_v2");
  }

  @Test
  void aNameTooLongIsCutAndKeptApartByAHash() {
    String server = "s".repeat(40);
    String one = ToolNames.forModel(server + "." + "a".repeat(40) + "1");
    String two = ToolNames.forModel(server + "." + "a".repeat(40) + "2");
    assertThat(one).hasSize(ToolNames.MAX_LENGTH).matches("^[a-zA-Z0-9_-]+$").isNotEqualTo(two);
  }
}
