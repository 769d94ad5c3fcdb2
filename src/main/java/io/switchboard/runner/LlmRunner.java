package io.switchboard.runner;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.config.SwitchboardProperties;
import io.switchboard.kernel.Locales;
import io.switchboard.kernel.Turn;
import java.util.List;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The {@code llm} runner (routes/runners/llm.camel.yaml): answers a turn with the configured model, or with the
 * user's own endpoint when they brought a key. It calls langchain4j's {@code ChatModel} directly rather
 * than camel-langchain4j-chat because the component discards the response's token usage, which is metered here.
 */
@Component("llmRunner")
public class LlmRunner implements Runner {

  private final Optional<ChatModel> model;
  private final OwnModels ownModels;
  private final SwitchboardProperties.Llm settings;
  private final MessageSource messages;
  private final MeterRegistry meters;
  private final Timer latency;

  public LlmRunner(Optional<ChatModel> model, OwnModels ownModels, SwitchboardProperties properties, MessageSource messages, MeterRegistry meters) {
    this.model = model;
    this.ownModels = ownModels;
    this.settings = properties.llm();
    this.messages = messages;
    this.meters = meters;
    this.latency = Timer.builder("switchboard.model.latency").description("Time the model takes to answer").register(meters);
  }

  /** Whether a shared model is configured (without one, turns are answered with how to configure it). */
  public boolean sharedModelConfigured() {
    return model.isPresent();
  }

  @Override
  public Turn answer(Turn turn) {
    Optional<ChatModel> chosen = turn.ownModel() != null ? Optional.of(ownModels.get(turn.ownModel())) : model;
    if (chosen.isEmpty()) {
      turn.reply(messages.getMessage("llm.not-configured", null, Locales.of(turn.event())));
      return turn;
    }
    List<ChatMessage> prompt = PromptBuilder.build(settings.systemPrompt(), turn.history(), turn.promptText());
    if (turn.showPrompt()) {
      turn.replyMeta().put("prompt", PromptBuilder.describe(prompt));
    }
    ChatRequest.Builder request = ChatRequest.builder().messages(prompt);
    String modelOverride = turn.modelOverride() != null ? turn.modelOverride() : turn.ownModel() != null ? turn.ownModel().model() : null;
    if (modelOverride != null && !modelOverride.isBlank()) {
      request.modelName(modelOverride);
    }
    ChatResponse response = latency.record(() -> chosen.get().chat(request.build()));
    TokenUsage usage = response.tokenUsage();
    Integer promptTokens = usage == null ? null : usage.inputTokenCount();
    Integer completionTokens = usage == null ? null : usage.outputTokenCount();
    String modelName = response.modelName() != null ? response.modelName() : modelOverride != null ? modelOverride : settings.model();
    String bot = turn.event().conversation().bot();
    countTokens(bot, modelName, "prompt", promptTokens);
    countTokens(bot, modelName, "completion", completionTokens);
    turn.reply(response.aiMessage().text(), modelName, promptTokens, completionTokens);
    return turn;
  }

  private void countTokens(String bot, String modelName, String kind, Integer count) {
    if (count != null) {
      meters.counter("switchboard.tokens", "bot", bot, "model", modelName, "kind", kind).increment(count);
    }
  }
}
