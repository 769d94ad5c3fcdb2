package io.switchboard.runner;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.switchboard.agent.Agent;
import io.switchboard.config.SwitchboardProperties;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The chat models of agents with an endpoint of their own ({@code switchboard.agents.<name>.model.base-url} /
 * {@code .api-key}), one per endpoint. The operator configured these, so unlike users' own endpoints they may be
 * internal (a vLLM next door).
 */
@Component
class AgentModels {

  private record Endpoint(String baseUrl, String apiKey) {}

  private final SwitchboardProperties.Llm shared;
  private final Map<Endpoint, ChatModel> models = new ConcurrentHashMap<>();

  AgentModels(SwitchboardProperties properties) {
    this.shared = properties.llm();
  }

  ChatModel get(Agent agent) {
    Endpoint endpoint = new Endpoint(agent.baseUrl() != null ? agent.baseUrl() : LlmConfiguration.baseUrl(shared),
        agent.apiKey() != null ? agent.apiKey() : shared.apiKey() == null || shared.apiKey().isBlank() ? "none" : shared.apiKey());
    return models.computeIfAbsent(endpoint, e -> OpenAiChatModel.builder()
        .baseUrl(e.baseUrl())
        .apiKey(e.apiKey())
        .modelName(agent.model())
        .timeout(shared.timeout())
        .maxRetries(0) // retries are the pipeline's redelivery policy
        .build());
  }
}
