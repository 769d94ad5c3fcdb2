package io.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class ConfigViewTest {

  @Test
  void secretsAreMaskedAndOtherValuesShown() {
    assertThat(ConfigView.mask("switchboard.llm.api-key", "sk-1234567890")).isEqualTo("sk-****90");
    assertThat(ConfigView.mask("switchboard.db.password", "short")).isEqualTo("****");
    assertThat(ConfigView.mask("switchboard.llm.model", "gpt-4o-mini")).isEqualTo("gpt-4o-mini");
    assertThat(ConfigView.mask("switchboard.llm.api-key", "")).isEmpty();
  }

  @Test
  void environmentNamesFollowSpringRelaxedBinding() {
    assertThat(ConfigView.envName("switchboard.llm.api-key")).isEqualTo("SWITCHBOARD_LLM_API_KEY");
  }

  @Test
  @SuppressWarnings("unchecked")
  void initWritesValidYamlWithTheAnswers() {
    String yaml =
        InitCommand.render(Map.of("llm.base-url", "http://x/v1", "llm.api-key", "k:#1\"", "llm.model", "m", "broker.url", "", "db.url", ""));
    Map<String, Object> root = new Yaml().load(yaml);
    Map<String, Object> llm = (Map<String, Object>) ((Map<String, Object>) root.get("switchboard")).get("llm");
    assertThat(llm).containsEntry("base-url", "http://x/v1").containsEntry("api-key", "k:#1\"").containsEntry("history-size", 5);
  }
}
