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
    Agent researcher = registry(Map.of("researcher", entry(Map.of("description", "with sources", "model.name", "big",
        "fallbacks[0].base-url", "https://backup.example.org/v1", "fallbacks[0].api-key", "b", "temperature", "0.2",
        "allow", "telegram:*,api:ada")))).get("researcher");
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
    assertThatThrownBy(() -> registry(Map.of("x", entry(Map.of("runner", "telepathy")))))
        .hasMessageContaining("agent 'x': runner 'telepathy' is not one of [llm, webhook, n8n, dify, coze]");
    assertThatThrownBy(() -> registry(Map.of("hook", entry(Map.of("runner", "webhook", "webhook.url", "https://hook.example.org")))))
        .hasMessageContaining("agent 'hook': the webhook runner needs webhook.url and webhook.secret");
    assertThatThrownBy(() -> registry(Map.of("flow", entry(Map.of("runner", "n8n", "n8n.url", "https://n8n.example.org/webhook/x",
        "n8n.auth", "basic", "n8n.username", "u"))))).hasMessageContaining("agent 'flow': n8n.auth basic needs n8n.username and n8n.password");
    assertThatThrownBy(() -> registry(Map.of("desk", entry(Map.of("runner", "dify")))))
        .hasMessageContaining("agent 'desk': the dify runner needs its dify settings");
    assertThatThrownBy(() -> registry(Map.of("desk", entry(Map.of("runner", "dify", "dify.base-url", "https://api.dify.ai/v1",
        "dify.api-key", "app-x", "dify.app", "completion"))))).hasMessageContaining("agent 'desk': dify.app is one of chat, agent, workflow");
    assertThatThrownBy(() -> registry(Map.of("coach", entry(Map.of("runner", "coze", "coze.base-url", "https://api.coze.com",
        "coze.api-key", "pat")))))
        .hasMessageContaining("agent 'coach': the coze runner needs coze.base-url, coze.api-key and coze.bot-id");
  }

  @Test
  void anExternalRunnerWaitsItsServicesDefaultTimeoutUnlessTheAgentSetsOne() {
    AgentRegistry agents = registry(Map.of(
        "desk", entry(Map.of("runner", "dify", "dify.base-url", "https://api.dify.ai/v1", "dify.api-key", "app-x")),
        "hook", entry(Map.of("runner", "webhook", "webhook.url", "https://hook.example.org", "webhook.secret", "s", "timeout", "15s"))));
    assertThat(agents.get("desk").timeout()).isEqualTo(java.time.Duration.ofSeconds(600));
    assertThat(agents.get("desk").service(AgentSettings.Dify.class).appType()).isEqualTo("chat");
    assertThat(agents.get("hook").timeout()).isEqualTo(java.time.Duration.ofSeconds(15));
    assertThat(agents.get("default").timeout()).as("the llm runner has the model's own").isNull();
    assertThatThrownBy(() -> agents.get("hook").service(AgentSettings.Dify.class)).hasMessageContaining("has no Dify settings");
  }

  /** An agent as its properties bind ({@code switchboard.agents.<name>.*} without the prefix). */
  static AgentSettings.Entry entry(Map<String, String> properties) {
    return new org.springframework.boot.context.properties.bind.Binder(
            new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(properties))
        .bind("", AgentSettings.Entry.class).get();
  }

  @Test
  void parameterValuesAreChecked() {
    assertThat(Parameter.TEMPERATURE.problem("2.5")).contains("a number from 0 to 2");
    assertThat(Parameter.HISTORY_SIZE.problem("-1")).contains("a whole number from 0 to 50");
    assertThat(Parameter.HISTORY_SIZE.problem("ten")).contains("a whole number from 0 to 50");
    assertThat(Parameter.SYSTEM_PROMPT.problem("Be brief.")).isEmpty();
  }
}
