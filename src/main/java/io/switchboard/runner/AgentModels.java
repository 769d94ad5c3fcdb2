package io.switchboard.runner;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.switchboard.agent.Agent;
import io.switchboard.config.SwitchboardProperties;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The chat model behind each agent endpoint: the shared model for an endpoint that names no base URL or key, else one
 * built per endpoint ({@code switchboard.agents.<name>.model} / {@code .fallbacks}). The operator configured these,
 * so unlike users' own endpoints they may be internal (a vLLM next door).
 */
@Component
class AgentModels {

  private record Address(String baseUrl, String apiKey) {}

  private final Optional<ChatModel> sharedModel;
  private final SwitchboardProperties.Llm shared;
  private final Map<Address, ChatModel> models = new ConcurrentHashMap<>();

  AgentModels(Optional<ChatModel> sharedModel, SwitchboardProperties properties) {
    this.sharedModel = sharedModel;
    this.shared = properties.llm();
  }

  /** The model for this endpoint; empty for the shared endpoint when no shared model is configured. */
  Optional<ChatModel> of(Agent.Endpoint endpoint) {
    if (!endpoint.own()) {
      return sharedModel;
    }
    Address address = new Address(endpoint.baseUrl() != null ? endpoint.baseUrl() : LlmConfiguration.baseUrl(shared),
        endpoint.apiKey() != null ? endpoint.apiKey() : shared.apiKey() == null || shared.apiKey().isBlank() ? "none" : shared.apiKey());
    return Optional.of(models.computeIfAbsent(address, a -> OpenAiChatModel.builder()
        .baseUrl(a.baseUrl())
        .apiKey(a.apiKey())
        .modelName(endpoint.model())
        .timeout(shared.timeout())
        .maxRetries(0) // retries are the pipeline's redelivery policy; failing over is ModelFailover's
        .build()));
  }
}
