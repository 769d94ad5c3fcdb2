package io.switchboard.runner;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.agent.Agent;
import io.switchboard.agent.CallCache;
import io.switchboard.agent.ConversationAgents;
import io.switchboard.config.SwitchboardProperties;
import io.switchboard.kernel.Locales;
import io.switchboard.kernel.MetaKeys;
import io.switchboard.kernel.Turn;
import io.switchboard.kernel.UserKey;
import io.switchboard.tool.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The {@code llm} runner (routes/runners/llm.camel.yaml): answers a turn with the configured model, or with the
 * user's own endpoint when they brought a key, offering the agent's tools (the chain over the bus is {@link ToolLoop}'s). It calls langchain4j's {@code ChatModel} directly rather
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
  private final ToolLoop tools;
  private final ConversationAgents agents;
  private final AgentModels agentModels;
  private final ModelFailover failover;
  private final CallCache cache;
  private final PartialReplies partials;

  LlmRunner(Optional<ChatModel> model, OwnModels ownModels, SwitchboardProperties properties, MessageSource messages, MeterRegistry meters,
      ToolLoop tools, ConversationAgents agents, AgentModels agentModels, ModelFailover failover, CallCache cache, PartialReplies partials) {
    this.partials = partials;
    this.cache = cache;
    this.failover = failover;
    this.tools = tools;
    this.agents = agents;
    this.agentModels = agentModels;
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
    // an @name turn's agent, or the agent of the chain a tool result continues, else the conversation's
    String named = turn.agentOverride() != null ? turn.agentOverride() : tools.chainAgent(turn).orElse(null);
    Agent agent = agents.of(turn.session(), named, UserKey.of(turn.event()));
    List<ModelFailover.Target> targets = targets(turn, agent);
    if (targets.isEmpty()) {
      turn.reply(messages.getMessage("llm.not-configured", null, Locales.of(turn.event())));
      return turn;
    }
    Usage usage = new Usage(targets.get(0).modelName() != null ? targets.get(0).modelName() : settings.model());
    PartialReplies.Stream stream = partials.open(turn);
    ToolLoop.Model ask = (conversation, tools) -> call(targets, conversation, tools, agent.temperature(), turn, usage, stream);
    try {
      answer(turn, agent, targets, usage, ask);
    } finally {
      stream.close();
    }
    return turn;
  }

  private void answer(Turn turn, Agent agent, List<ModelFailover.Target> targets, Usage usage, ToolLoop.Model ask) {
    if (turn.continuation()) {
      tools.resume(turn, ask);
    } else {
      List<ChatMessage> prompt = PromptBuilder.build(agent.systemPrompt(), turn.history(), turn.promptText());
      if (turn.showPrompt()) {
        turn.replyMeta().put(MetaKeys.PROMPT, PromptBuilder.describe(prompt));
      }
      List<Tool> offered = tools.toolsOf(turn);
      // only an agent that opted in, offering no tools (a tool's effects are not to be skipped), on the shared models
      String cacheKey = agent.cacheTtl() != null && offered.isEmpty() && turn.ownModel() == null && !turn.showPrompt()
          ? CallCache.key(agent, targets.stream().map(ModelFailover.Target::label).toList(), PromptBuilder.describe(prompt)) : null;
      Optional<CallCache.Hit> hit = cacheKey == null ? Optional.empty() : cache.find(agent, cacheKey);
      if (hit.isPresent()) {
        turn.reply(hit.get().answer(), hit.get().model(), 0, 0); // nothing was asked: nothing to meter
        turn.replyMeta().put(MetaKeys.CACHED, true);
        return;
      }
      tools.start(turn, prompt, offered, ask);
      if (cacheKey != null && turn.answered() && !turn.replyMeta().containsKey(MetaKeys.ERROR)) {
        cache.store(agent, cacheKey, turn.replyText(), usage.model);
      }
    }
    if (usage.promptTokens != null) {
      int[] tokens = {usage.promptTokens, usage.completionTokens};
      tools.meter(turn, tokens);
      usage.promptTokens = tokens[0];
      usage.completionTokens = tokens[1];
    }
    if (turn.answered()) {
      turn.reply(turn.replyText(), usage.model, usage.promptTokens, usage.completionTokens);
    }
  }

  /** The model calls of one turn: which model answered, and what they cost together. */
  private static final class Usage {
    String model;
    Integer promptTokens;
    Integer completionTokens;

    Usage(String model) {
      this.model = model;
    }

    void add(String answeredBy, TokenUsage tokens) {
      if (answeredBy != null) {
        model = answeredBy;
      }
      if (tokens != null && tokens.inputTokenCount() != null) {
        promptTokens = (promptTokens == null ? 0 : promptTokens) + tokens.inputTokenCount();
        completionTokens = (completionTokens == null ? 0 : completionTokens) + (tokens.outputTokenCount() == null ? 0 : tokens.outputTokenCount());
      }
    }
  }

  /**
   * The models to ask, in order: a user's own key's endpoint alone; a {@code model:<name>} line on the agent's first
   * endpoint alone; else the agent's model and its fallbacks. Empty when the shared model is needed and not configured.
   */
  private List<ModelFailover.Target> targets(Turn turn, Agent agent) {
    if (turn.ownModel() != null) {
      return List.of(new ModelFailover.Target(ownModels.get(turn.ownModel()), ownModels.streaming(turn.ownModel()), turn.ownModel().model(), "own key"));
    }
    List<Agent.Endpoint> endpoints = turn.modelOverride() != null
        ? List.of(new Agent.Endpoint(agent.primary().baseUrl(), agent.primary().apiKey(), turn.modelOverride()))
        : agent.endpoints();
    List<ModelFailover.Target> targets = new ArrayList<>();
    for (Agent.Endpoint endpoint : endpoints) {
      agentModels.of(endpoint).ifPresent(chat ->
          targets.add(new ModelFailover.Target(chat, agentModels.streamingOf(endpoint).orElse(null), endpoint.model(), endpoint.label())));
    }
    return targets;
  }

  private AiMessage call(List<ModelFailover.Target> targets, List<ChatMessage> conversation, List<Tool> offered, double temperature, Turn turn,
      Usage usage, PartialReplies.Stream stream) {
    ChatRequest.Builder request = ChatRequest.builder().messages(conversation).temperature(temperature);
    if (!offered.isEmpty()) {
      request.toolSpecifications(ToolLoop.specifications(offered));
    }
    ChatResponse response;
    try {
      response = latency.record(() -> failover.chat(targets, request.build(), stream.watched() ? stream : null));
    } finally {
      stream.endCall();
    }
    TokenUsage tokens = response.tokenUsage();
    usage.add(response.modelName(), tokens);
    String bot = turn.event().conversation().bot();
    countTokens(bot, usage.model, "prompt", tokens == null ? null : tokens.inputTokenCount());
    countTokens(bot, usage.model, "completion", tokens == null ? null : tokens.outputTokenCount());
    return response.aiMessage();
  }

  private void countTokens(String bot, String modelName, String kind, Integer count) {
    if (count != null) {
      meters.counter("switchboard.tokens", "bot", bot, "model", modelName, "kind", kind).increment(count);
    }
  }
}
