package io.switchboard.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.config.SwitchboardProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Agents as configured, filled from the shared model where they say nothing; who may use them; what a conversation may set. */
class AgentRegistryTest {

  static final SwitchboardProperties.Llm SHARED =
      new SwitchboardProperties.Llm("https://llm.example.org/v1", "k", "shared-model", 0.7, 5, "You are helpful.", Duration.ofSeconds(60));

  static AgentRegistry registry(Map<String, AgentSettings.Entry> agents) {
    return new AgentRegistry(new AgentSettings(agents), new SwitchboardProperties(null, null, null, null, null, SHARED, null, null, null));
  }

  @Test
  void theDefaultAgentIsTheSharedModelWhenNotConfigured() {
    Agent fallback = registry(Map.of()).get("default");
    assertThat(fallback.model()).isEqualTo("shared-model");
    assertThat(fallback.systemPrompt()).isEqualTo("You are helpful.");
    assertThat(fallback.temperature()).isEqualTo(0.7);
    assertThat(fallback.historySize()).isEqualTo(5);
    assertThat(fallback.primary().own()).isFalse();
    assertThat(fallback.endpoints()).hasSize(1);
    assertThat(registry(Map.of()).get("gone").name()).as("a session's agent no longer configured").isEqualTo("default");
  }

  @Test
  void anAgentTakesWhatItLeavesOutFromTheSharedModel() {
    Agent researcher = registry(Map.of("researcher", new AgentSettings.Entry("with sources", null, new AgentSettings.Model(null, null, "big"),
        List.of(new AgentSettings.Model("https://backup.example.org/v1", "b", null)), null, 0.2, null, List.of("telegram:*", "api:ada"), null, null, null, null, null, null))).get("researcher");
    assertThat(researcher.model()).isEqualTo("big");
    assertThat(researcher.endpoints()).extracting(Agent.Endpoint::label).containsExactly("shared/big", "backup.example.org/shared-model");
    assertThat(researcher.temperature()).isEqualTo(0.2);
    assertThat(researcher.systemPrompt()).isEqualTo("You are helpful.");
    assertThat(researcher.usableBy("telegram:42")).isTrue();
    assertThat(researcher.usableBy("api:ada")).isTrue();
    assertThat(researcher.usableBy("api:bob")).isFalse();
    assertThat(researcher.usableBy(null)).isFalse();
    assertThat(researcher.settable(Parameter.TEMPERATURE)).isTrue();
    assertThat(researcher.settable(Parameter.SYSTEM_PROMPT)).as("only when the agent allows it").isFalse();
    Agent tuned = researcher.with(Map.of(Parameter.TEMPERATURE, "1.1", Parameter.HISTORY_SIZE, "0"));
    assertThat(tuned.temperature()).isEqualTo(1.1);
    assertThat(tuned.historySize()).isZero();
  }

  @Test
  void anUnknownRunnerStopsStartUpWithTheReason() {
    assertThatThrownBy(() -> registry(Map.of("x", new AgentSettings.Entry(null, "telepathy", null, null, null, null, null, null, null, null, null, null, null, null))))
        .hasMessageContaining("agent 'x': runner 'telepathy' is not one of [llm, webhook, n8n]");
    assertThatThrownBy(() -> registry(Map.of("hook", new AgentSettings.Entry(null, "webhook", null, null, null, null, null, null, null, null,
        new AgentSettings.Webhook("https://hook.example.org", null), null, null, null)))).hasMessageContaining("agent 'hook': the webhook runner needs webhook.url and webhook.secret");
    assertThatThrownBy(() -> registry(Map.of("flow", new AgentSettings.Entry(null, "n8n", null, null, null, null, null, null, null, null, null,
        new AgentSettings.N8n("https://n8n.example.org/webhook/x", "basic", "u", null, null, null, null), null, null))))
        .hasMessageContaining("agent 'flow': n8n.auth basic needs n8n.username and n8n.password");
  }

  @Test
  void parameterValuesAreChecked() {
    assertThat(Parameter.TEMPERATURE.problem("2.5")).contains("a number from 0 to 2");
    assertThat(Parameter.HISTORY_SIZE.problem("-1")).contains("a whole number from 0 to 50");
    assertThat(Parameter.HISTORY_SIZE.problem("ten")).contains("a whole number from 0 to 50");
    assertThat(Parameter.SYSTEM_PROMPT.problem("Be brief.")).isEmpty();
  }
}
