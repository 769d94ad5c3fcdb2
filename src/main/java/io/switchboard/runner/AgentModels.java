package io.switchboard.runner;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
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
  private final Optional<StreamingChatModel> sharedStreaming;
  private final SwitchboardProperties.Llm shared;
  private final Map<Address, ChatModel> models = new ConcurrentHashMap<>();
  private final Map<Address, StreamingChatModel> streaming = new ConcurrentHashMap<>();

  AgentModels(Optional<ChatModel> sharedModel, Optional<StreamingChatModel> sharedStreaming, SwitchboardProperties properties) {
    this.sharedModel = sharedModel;
    this.sharedStreaming = sharedStreaming;
    this.shared = properties.llm();
  }

  /** The model for this endpoint; empty for the shared endpoint when no shared model is configured. */
  Optional<ChatModel> of(Agent.Endpoint endpoint) {
    if (!endpoint.own()) {
      return sharedModel;
    }
    return Optional.of(models.computeIfAbsent(address(endpoint), a -> OpenAiChatModel.builder()
        .baseUrl(a.baseUrl())
        .apiKey(a.apiKey())
        .modelName(endpoint.model())
        .timeout(shared.timeout())
        .maxRetries(0) // retries are the pipeline's redelivery policy; failing over is ModelFailover's
        .build()));
  }

  /** The streaming model for this endpoint, as {@link #of}. */
  Optional<StreamingChatModel> streamingOf(Agent.Endpoint endpoint) {
    if (!endpoint.own()) {
      return sharedStreaming;
    }
    return Optional.of(streaming.computeIfAbsent(address(endpoint), a -> OpenAiStreamingChatModel.builder()
        .baseUrl(a.baseUrl())
        .apiKey(a.apiKey())
        .modelName(endpoint.model())
        .timeout(shared.timeout())
        .build()));
  }

  private Address address(Agent.Endpoint endpoint) {
    return new Address(endpoint.baseUrl() != null ? endpoint.baseUrl() : LlmConfiguration.baseUrl(shared),
        endpoint.apiKey() != null ? endpoint.apiKey() : shared.apiKey() == null || shared.apiKey().isBlank() ? "none" : shared.apiKey());
  }
}
