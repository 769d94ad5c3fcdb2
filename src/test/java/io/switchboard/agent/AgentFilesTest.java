package io.switchboard.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.SwitchboardProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agents from one YAML file each in the agents directory, read again when the files change. */
class AgentFilesTest {

  @TempDir Path dir;

  AgentRegistry registry(Map<String, AgentSettings.Entry> configured) {
    return new AgentRegistry(new AgentSettings(configured), new SwitchboardProperties(null, null, null, null, null, AgentRegistryTest.SHARED, null,
        null, null), new AgentFiles(dir));
  }

  @Test
  void anAgentFileIsBoundLikeConfigurationAndReadAgainWhenItChanges() throws Exception {
    Path file = dir.resolve("summarizer.yaml");
    Files.writeString(file, """
        description: Summarises what it is given
        system-prompt: Summarise in three sentences.
        temperature: 0.1
        history-size: 0
        cache: {ttl: 2h, max-entries: 50}
        tools: [fetch_url]
        """);
    AgentRegistry agents = registry(Map.of());
    Agent summarizer = agents.find("summarizer").orElseThrow();
    assertThat(summarizer.systemPrompt()).isEqualTo("Summarise in three sentences.");
    assertThat(summarizer.cacheTtl()).isEqualTo(Duration.ofHours(2));
    assertThat(summarizer.cacheEntries()).isEqualTo(50);
    assertThat(summarizer.tools()).containsExactly("fetch_url");
    assertThat(agents.reload()).as("nothing changed").isFalse();

    Files.writeString(file, "system-prompt: Summarise in one sentence.\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    Files.writeString(dir.resolve("translator.yml"), "description: Translates\n");
    assertThat(agents.reload()).isTrue();
    assertThat(agents.get("summarizer").systemPrompt()).isEqualTo("Summarise in one sentence.");
    assertThat(agents.find("translator")).isPresent();

    Files.delete(dir.resolve("translator.yml"));
    assertThat(agents.reload()).isTrue();
    assertThat(agents.find("translator")).isEmpty();
  }

  @Test
  void aBrokenFileIsSkippedAndAnInvalidAgentKeepsTheAgentsAsTheyWere() throws Exception {
    Files.writeString(dir.resolve("good.yaml"), "description: fine\n");
    Files.writeString(dir.resolve("broken.yaml"), "description: [unclosed\n");
    AgentRegistry agents = registry(Map.of());
    assertThat(agents.find("good")).isPresent();
    assertThat(agents.find("broken")).isEmpty();

    Files.writeString(dir.resolve("bad.yaml"), "runner: telepathy\n");
    assertThat(agents.reload()).isFalse();
    assertThat(agents.find("good")).isPresent();
    assertThat(agents.find("bad")).isEmpty();
  }

  @Test
  void aConfiguredAgentWinsOverAFileOfTheSameName() throws Exception {
    Files.writeString(dir.resolve("researcher.yaml"), "system-prompt: from the file\n");
    AgentRegistry agents = registry(Map.of("researcher",
        AgentRegistryTest.entry(Map.of("system-prompt", "from configuration"))));
    assertThat(agents.get("researcher").systemPrompt()).isEqualTo("from configuration");
  }
}
