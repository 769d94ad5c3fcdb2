package io.switchboard.runner;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.switchboard.config.SwitchboardProperties;
import io.switchboard.kernel.ModelEndpoint;
import io.switchboard.outbound.GuardedModelClient;
import io.switchboard.outbound.OutboundGuard;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The chat models of users' own endpoints (blocking and streaming), built once per endpoint and kept for the most
 * recent users. Their HTTP
 * goes through the outbound guard: a user's base URL never reaches a private address.
 */
@Component
public class OwnModels {

  private static final int KEPT = 256;

  private final SwitchboardProperties.Llm defaults;
  private final Map<ModelEndpoint, ChatModel> models = recentlyUsed();
  private final Map<ModelEndpoint, StreamingChatModel> streaming = recentlyUsed();

  private final OutboundGuard guard;

  public OwnModels(SwitchboardProperties properties, OutboundGuard guard) {
    this.defaults = properties.llm();
    this.guard = guard;
  }

  public synchronized ChatModel get(ModelEndpoint endpoint) {
    return models.computeIfAbsent(endpoint, e -> OpenAiChatModel.builder()
        .httpClientBuilder(GuardedModelClient.builder(guard))
        .baseUrl(e.baseUrl() != null ? e.baseUrl() : LlmConfiguration.baseUrl(defaults))
        .apiKey(e.apiKey())
        .modelName(e.model() != null ? e.model() : defaults.model())
        .temperature(defaults.temperature())
        .timeout(defaults.timeout())
        .maxRetries(0)
        .build());
  }

  /** A map keeping the {@value #KEPT} endpoints used most recently. */
  private static <T> Map<ModelEndpoint, T> recentlyUsed() {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<ModelEndpoint, T> eldest) {
        return size() > KEPT;
      }
    };
  }

  /** The streaming model of the endpoint, through the same guard. */
  public synchronized StreamingChatModel streaming(ModelEndpoint endpoint) {
    return streaming.computeIfAbsent(endpoint, e -> OpenAiStreamingChatModel.builder()
        .httpClientBuilder(GuardedModelClient.builder(guard))
        .baseUrl(e.baseUrl() != null ? e.baseUrl() : LlmConfiguration.baseUrl(defaults))
        .apiKey(e.apiKey())
        .modelName(e.model() != null ? e.model() : defaults.model())
        .temperature(defaults.temperature())
        .timeout(defaults.timeout())
        .build());
  }
}
