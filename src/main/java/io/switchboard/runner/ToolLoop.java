package io.switchboard.runner;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.chain.CallFiles;
import io.switchboard.chain.ChainIds;
import io.switchboard.chain.ChainSettings;
import io.switchboard.chain.ChainStore;
import io.switchboard.chain.Confirmations;
import io.switchboard.chain.StepHistory;
import io.switchboard.chain.ToolCallBus;
import io.switchboard.chain.ToolCallEvents;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.EnvelopeCodec;
import io.switchboard.kernel.Locales;
import io.switchboard.kernel.MetaKeys;
import io.switchboard.kernel.StageOutcome;
import io.switchboard.kernel.Turn;
import io.switchboard.kernel.UserKey;
import io.switchboard.tool.Tool;
import io.switchboard.tool.ToolNames;
import io.switchboard.tool.ToolRegistry;
import io.switchboard.tool.ToolSchemas;
import io.switchboard.tool.ToolSettings;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The llm runner's chain over the bus. When the model asks for tools, the step is stored (the model's conversation
 * so far and one row per call), each call is published as a {@code tool.call.requested} event for a tool route, and
 * the turn waits ({@code DEFERRED}). Each {@code tool.call.completed} comes back through the conversation's shard;
 * once every call of the step has its result, the model gets them and answers, or asks again. Nothing of a chain
 * lives in a thread between steps, so any instance can take the next one.
 */
@Component
class ToolLoop {

  /** What a chain step asks of the model: the conversation so far and the tools on offer. */
  interface Model {
    AiMessage ask(List<ChatMessage> messages, List<Tool> tools);
  }

  private final ToolRegistry registry;
  private final ChainStore chains;
  private final Confirmations confirmations;
  private final StepHistory history;
  private final ToolSettings toolSettings;
  private final ChainSettings chainSettings;
  private final EnvelopeCodec codec;
  private final ToolCallBus bus;
  private final CallFiles files;
  private final MessageSource texts;
  private final MeterRegistry meters;
  private final AgentQuestions questions;

  ToolLoop(ToolRegistry registry, ChainStore chains, Confirmations confirmations, StepHistory history, ToolSettings toolSettings, ChainSettings chainSettings, EnvelopeCodec codec,
      ToolCallBus bus, CallFiles files, MessageSource texts, MeterRegistry meters, AgentQuestions questions) {
    this.registry = registry;
    this.chains = chains;
    this.confirmations = confirmations;
    this.history = history;
    this.toolSettings = toolSettings;
    this.chainSettings = chainSettings;
    this.codec = codec;
    this.bus = bus;
    this.files = files;
    this.texts = texts;
    this.meters = meters;
    this.questions = questions;
  }

  List<Tool> toolsOf(Turn turn) {
    return registry.offeredTo(agentOf(turn));
  }

  /**
   * Meters a turn's model calls with the chain's answer: a turn after which the chain goes on (waiting for its calls,
   * or for a confirmation) carries its tokens in the chain; the turn that answers adds those carried so far.
   */
  void meter(Turn turn, int[] tokens) {
    String chainId = ChainIds.of(turn);
    boolean goesOn = turn.outcome() == StageOutcome.DEFERRED || turn.replyMeta().containsKey(MetaKeys.CONFIRMATIONS);
    if (goesOn) {
      chains.carryTokens(chainId, tokens[0], tokens[1]);
    } else if (turn.answered()) {
      int[] carried = chains.carriedTokens(chainId);
      tokens[0] += carried[0];
      tokens[1] += carried[1];
    }
  }

  /** The first step of a chain: the user's prompt, with the agent's tools on offer. */
  void start(Turn turn, List<ChatMessage> prompt, List<Tool> tools, Model model) {
    String chainId = ChainIds.of(turn);
    List<ChatMessage> messages = new ArrayList<>(prompt);
    AiMessage answer = model.ask(messages, tools);
    if (!answer.hasToolExecutionRequests()) {
      turn.reply(answer.text());
      return;
    }
    messages.add(answer);
    chains.start(chainId, turn.session().id(), agentOf(turn), codec.encode(turn.event()), ChatMessageSerializer.messagesToJson(messages), 0);
    requestCalls(turn, agentOf(turn), chainId, turn.event(), answer, messages, 0);
  }

  /** A tool result arrived: when the step is complete, the model continues the chain. */
  void resume(Turn turn, Model model) {
    Envelope completed = turn.event();
    Optional<ChainStore.Chain> found = chains.find(completed.data().chain().root());
    Optional<ChainStore.Call> call = chains.call(String.valueOf(completed.meta(ToolCallEvents.META_CALL)));
    if (found.isEmpty() || call.isEmpty() || !found.get().status().equals(ChainStore.RUNNING) || call.get().step() != found.get().step()) {
      turn.drop(); // a completion for a step already taken (a redelivery) or a chain already over
      return;
    }
    ChainStore.Chain chain = found.get();
    turn.answering(codec.decode(chain.rootEvent()));
    List<ChainStore.Call> calls = chains.callsOf(chain.id(), chain.step());
    if (!calls.stream().allMatch(ChainStore.Call::completed)) {
      turn.defer(); // the step's other calls are still running
      return;
    }
    history.record(chain.sessionId(), calls);
    List<ChatMessage> messages = new ArrayList<>(ChatMessageDeserializer.messagesFromJson(chain.messages()));
    calls.forEach(c -> messages.add(ToolExecutionResultMessage.from(c.requestId(), ToolNames.forModel(c.tool()), c.result())));
    AiMessage answer = model.ask(messages, registry.offeredTo(chain.agent()));
    if (!answer.hasToolExecutionRequests()) {
      chains.finish(chain.id(), ChainStore.DONE);
      turn.reply(answer.text());
      turn.replyMeta().put(MetaKeys.STEPS, steps(chain.id()));
      turn.replyParts(files.parts(chains.callsOf(chain.id()))); // what the chain's sandbox runs wrote
      return;
    }
    messages.add(answer);
    requestCalls(turn, chain.agent(), chain.id(), completed, answer, messages, chain.step());
  }

  private void requestCalls(Turn turn, String agent, String chainId, Envelope parent, AiMessage answer, List<ChatMessage> messages, int step) {
    int next = step + 1;
    int depth = parent.data().chain() == null ? 1 : parent.data().chain().depth() + 1;
    meters.summary("switchboard.chain.depth").record(depth);
    if (next > toolSettings.maxSteps() || depth > chainSettings.maxDepth()) {
      chains.finish(chainId, ChainStore.ENDED);
      String key = next > toolSettings.maxSteps() ? "chain.too-many-steps" : "chain.too-deep";
      int limit = next > toolSettings.maxSteps() ? toolSettings.maxSteps() : chainSettings.maxDepth();
      turn.reply(texts.getMessage(key, new Object[] {limit}, Locales.of(turn.answering())));
      turn.replyMeta().put(MetaKeys.ERROR, true);
      turn.replyMeta().put(MetaKeys.STEPS, steps(chainId));
      return;
    }
    List<ChainStore.Call> calls = new ArrayList<>();
    List<ToolExecutionRequest> requests = answer.toolExecutionRequests();
    for (int position = 0; position < requests.size(); position++) {
      ToolExecutionRequest request = requests.get(position);
      String requestId = request.id() == null || request.id().isBlank() ? "call-" + next + "-" + position : request.id();
      calls.add(new ChainStore.Call(chainId + ":" + next + ":" + position, chainId, next, position, requestId, registry.nameFromModel(request.name()),
          request.arguments() == null ? "{}" : request.arguments()));
    }
    chains.nextStep(chainId, ChatMessageSerializer.messagesToJson(messages), next, calls);
    List<Confirmations.Confirmation> held = new ArrayList<>();
    for (ChainStore.Call call : calls) {
      if (AskAgentTool.NAME.equals(call.tool())) {
        // not a tool route's work: the asked agent answers it as a turn in this conversation
        questions.ask(parent, chainId, call, depth, registry.allowed(agent, call.tool()));
        continue;
      }
      String event = codec.encode(ToolCallEvents.requested(parent, chainId, call, depth));
      if (registry.needsConfirmation(agent, call.tool())) {
        held.add(confirmations.hold(call, parent.subject(), UserKey.of(turn.answering()), event,
            OffsetDateTime.now(ZoneOffset.UTC).plus(toolSettings.confirmTimeout())));
      } else {
        bus.publish(event, call.tool());
      }
    }
    if (held.isEmpty()) {
      turn.defer();
      return;
    }
    // the question is the answer for now; the chain waits for the decision, and its final answer comes after it
    StringBuilder question = new StringBuilder();
    for (Confirmations.Confirmation confirmation : held) {
      question.append(question.isEmpty() ? "" : "\n\n").append(texts.getMessage("confirm.ask",
          new Object[] {confirmation.tool(), confirmation.arguments(), confirmation.id(), toolSettings.confirmTimeout().toMinutes()},
          Locales.of(turn.answering())));
    }
    turn.reply(question.toString());
    turn.doNotRecord();
    turn.replyMeta().put(MetaKeys.CONFIRMATIONS, held.stream().map(c -> Map.of("id", c.id(), "tool", c.tool(), "arguments", c.arguments())).toList());
  }

  /** The calls of a chain as a reply reports them. */
  private List<Map<String, Object>> steps(String chainId) {
    List<Map<String, Object>> steps = new ArrayList<>();
    for (ChainStore.Call call : chains.callsOf(chainId)) {
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("tool", call.tool());
      step.put("arguments", call.arguments());
      step.put("result", call.result());
      step.put("durationMs", call.durationMs());
      steps.add(step);
    }
    return steps;
  }

  /** The agent of a new chain: an {@code @name} turn's, else the conversation's. */
  private static String agentOf(Turn turn) {
    if (turn.agentOverride() != null) {
      return turn.agentOverride();
    }
    return turn.session() == null || turn.session().agent() == null ? "default" : turn.session().agent();
  }

  /** The agent of the chain a tool result continues: the one that started it, whatever the conversation chose since. */
  Optional<String> chainAgent(Turn turn) {
    return turn.continuation() ? chains.find(turn.event().data().chain().root()).map(ChainStore.Chain::agent) : Optional.empty();
  }

  /** The tool specifications a request offers. */
  static List<dev.langchain4j.agent.tool.ToolSpecification> specifications(List<Tool> tools) {
    return tools.stream().map(tool -> ToolSchemas.specification(tool.definition())).toList();
  }
}
