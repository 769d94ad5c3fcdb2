package io.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class ConfigViewTest {

  @Test
  void secretsAreMaskedAndOtherValuesShown() {
    assertThat(ConfigView.mask("switchboard.llm.api-key", "sk-1234567890")).isEqualTo("****7890");
    assertThat(ConfigView.mask("switchboard.db.password", "short")).isEqualTo("****");
    assertThat(ConfigView.mask("switchboard.llm.model", "gpt-4o-mini")).isEqualTo("gpt-4o-mini");
    assertThat(ConfigView.mask("switchboard.llm.api-key", "")).isEmpty();
  }

  @Test
  void environmentNamesFollowSpringRelaxedBinding() {
    assertThat(ConfigView.envName("switchboard.llm.api-key")).isEqualTo("SWITCHBOARD_LLM_API_KEY");
    assertThat(ConfigView.envName("switchboard.bots[0].config.bot-token")).isEqualTo("SWITCHBOARD_BOTS_0_CONFIG_BOT_TOKEN");
    assertThat(ConfigView.mask("switchboard.bots[0].config.token", "${TG_TOKEN}")).isEqualTo("${TG_TOKEN}");
  }

  @Test
  @SuppressWarnings("unchecked")
  void initWritesTheBotsOfferedFromTheManifests() {
    var manifests = new io.switchboard.bot.AdapterManifests();
    String described =
        InitCommand.render(Map.of("llm.base-url", "", "llm.api-key", "", "llm.model", "m", "broker.url", "", "db.url", ""))
            + InitCommand.renderBots(
                java.util.List.of(new InitCommand.BotAnswer("telegram", "tg-main", "polling", Map.of("token", "${TG_MAIN_TOKEN}"))), manifests);
    Map<String, Object> root = new Yaml().load(described);
    var bots = (java.util.List<Map<String, Object>>) ((Map<String, Object>) root.get("switchboard")).get("bots");
    assertThat(bots).hasSize(1);
    assertThat(bots.get(0)).containsEntry("id", "tg-main").containsEntry("adapter", "telegram").containsEntry("mode", "polling");
    assertThat((Map<String, Object>) bots.get(0).get("config")).containsEntry("token", "${TG_MAIN_TOKEN}");

    String examples = InitCommand.renderBots(java.util.List.of(), manifests);
    assertThat(examples)
        .contains("#   - id: telegram-main")
        .contains("#       webhook-secret: ${TELEGRAM_WEBHOOK_SECRET}   # required in [webhook]")
        .contains("#       callback-url:    # required")
        .contains("#       bot-token: ${SLACK_BOT_TOKEN}");
    assertThat((Object) new Yaml().load(InitCommand.render(Map.of("llm.base-url", "", "llm.api-key", "", "llm.model", "m", "broker.url", "", "db.url", "")) + examples))
        .isNotNull();
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
