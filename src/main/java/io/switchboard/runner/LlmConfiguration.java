package io.switchboard.runner;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.switchboard.config.SwitchboardProperties;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAI-compatible chat model, when {@code switchboard.llm.*} configures one. */
@Configuration(proxyBeanMethods = false)
class LlmConfiguration {

  private static final String OPENAI = "https://api.openai.com/v1";

  @Bean
  @Conditional(LlmConfiguration.Configured.class)
  ChatModel chatModel(SwitchboardProperties properties) {
    SwitchboardProperties.Llm llm = properties.llm();
    String baseUrl = baseUrl(llm);
    String apiKey = llm.apiKey() == null || llm.apiKey().isBlank() ? "none" : llm.apiKey();
    return OpenAiChatModel.builder()
            .baseUrl(baseUrl)
            .apiKey(apiKey)
            .modelName(llm.model())
            .temperature(llm.temperature())
            .timeout(llm.timeout())
            // retries are the pipeline's redelivery policy, visible in routes and metrics
            .maxRetries(0)
            .build();
  }

  /** The same model, streaming: for answers shown as they are written (the web chat, server-sent events). */
  @Bean
  @Conditional(LlmConfiguration.Configured.class)
  StreamingChatModel streamingChatModel(SwitchboardProperties properties) {
    SwitchboardProperties.Llm llm = properties.llm();
    return OpenAiStreamingChatModel.builder()
        .baseUrl(baseUrl(llm))
        .apiKey(llm.apiKey() == null || llm.apiKey().isBlank() ? "none" : llm.apiKey())
        .modelName(llm.model())
        .temperature(llm.temperature())
        .timeout(llm.timeout())
        .build();
  }

  static String baseUrl(SwitchboardProperties.Llm llm) {
    return llm.baseUrl() == null || llm.baseUrl().isBlank() ? OPENAI : llm.baseUrl();
  }

  /** A model is configured when a base URL (e.g. Ollama, needing no key) or an API key (OpenAI) is set. */
  static class Configured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      var env = context.getEnvironment();
      return !env.getProperty("switchboard.llm.base-url", "").isBlank()
          || !env.getProperty("switchboard.llm.api-key", "").isBlank();
    }
  }
}
