package io.switchboard.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.chain.ChainStore;
import io.switchboard.chain.ToolCallEvents;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.EnvelopeCodec;
import io.switchboard.envelope.Envelopes;
import io.switchboard.kernel.MetaKeys;
import io.switchboard.kernel.Turn;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code ask_agent} over the bus (chain re-dispatch). A chain's call of it becomes an {@code agent.question} event on
 * the conversation's shard, one level deeper than the call; the pipeline answers it as a turn for the asked agent
 * (without the conversation's history; not recorded in it, not sent to the user). That turn's answer, or its final
 * answer when the asked agent runs a chain of its own, or its failure once retries are spent, completes the call: the
 * result is stored once and a {@code tool.call.completed} continues the asking chain, on whichever instance.
 */
@Component("agentQuestions")
public class AgentQuestions {

  /** Where an event for a conversation is published: straight to its pipeline shard (routes/tools.camel.yaml). */
  static final String TO_CONVERSATION = "direct:to-conversation";
  /** Set on a failed exchange whose event was a question: its asking chain was told, the user need not be. */
  public static final String ANSWERED_AGENT_HEADER = "SwitchboardAnsweredAgent";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** On a question: the user watches the asking agent's answer being written, so the completion asks for that again. */
  private static final String ASKER_WATCHES = "askerWatches";

  private final ChainStore chains;
  private final EnvelopeCodec codec;
  private final ProducerTemplate producer;

  public AgentQuestions(ChainStore chains, EnvelopeCodec codec, ProducerTemplate producer) {
    this.chains = chains;
    this.codec = codec;
    this.producer = producer;
  }

  /**
   * Puts a call's question to its agent; a call without an agent or a question, or one the asking agent may not make,
   * is completed at once with the reason, for the asking model to read.
   */
  void ask(Envelope parent, String chainId, ChainStore.Call call, int depth, boolean allowed) {
    JsonNode arguments;
    try {
      arguments = JSON.readTree(call.arguments() == null || call.arguments().isBlank() ? "{}" : call.arguments());
    } catch (Exception e) {
      arguments = JSON.createObjectNode();
    }
    String agent = arguments.path("agent").asText("").strip();
    String question = arguments.path("question").asText("").strip();
    Map<String, Object> meta = new HashMap<>(Map.of(ToolCallEvents.META_CALL, call.id(), ToolCallEvents.META_TOOL, call.tool(),
        MetaKeys.ASKED_AGENT, agent));
    for (String carried : List.of("locale", Envelopes.META_REPLY_TO)) { // the user's language; the instance their channel is on
      if (parent.meta(carried) != null) {
        meta.put(carried, parent.meta(carried));
      }
    }
    if (Envelopes.wantsStream(parent)) {
      meta.put(ASKER_WATCHES, true); // the asking agent's answer is watched; the asked one's is not the user's
    }
    Envelope asked = new Envelope(Envelope.SPEC_VERSION, Envelope.AGENT_QUESTION, ToolCallEvents.SOURCE, call.id() + ":asked",
        OffsetDateTime.now(ZoneOffset.UTC), parent.subject(), Envelope.CONTENT_TYPE, new Envelope.Data(parent.data().chat(),
            parent.data().sender(), List.of(Envelope.Part.text(question)), new Envelope.Chain(chainId, parent.id(), depth), meta));
    if (!allowed) {
      complete(asked, call.id(), "error: the tool " + AskAgentTool.NAME + " is not available to this agent", true, 0, 0);
    } else if (agent.isEmpty() || question.isEmpty()) {
      complete(asked, call.id(), "error: " + AskAgentTool.NAME + " needs the name of an agent and a question", true, 0, 0);
    } else {
      producer.sendBody(TO_CONVERSATION, codec.encode(asked));
    }
  }

  /**
   * Reply step: an answer to an agent's question completes its call and goes no further (the turn is dropped from the
   * reply). A question for the user to confirm one of the asked agent's tools is for the user: it goes on to them.
   */
  public Turn answer(Turn turn) {
    if (!turn.answersAgent() || turn.replyMeta().containsKey(MetaKeys.CONFIRMATIONS)) {
      return turn;
    }
    Envelope asked = turn.answering();
    boolean failed = Boolean.TRUE.equals(turn.replyMeta().get(MetaKeys.ERROR));
    String text = failed ? "error: " + turn.replyText() : turn.replyText();
    complete(asked, String.valueOf(asked.meta(ToolCallEvents.META_CALL)), text, failed,
        turn.promptTokens() == null ? 0 : turn.promptTokens(), turn.completionTokens() == null ? 0 : turn.completionTokens());
    turn.drop();
    return turn;
  }

  /**
   * After a question's turn, or a step of the asked agent's chain, failed for good (dead-lettered): the question's
   * call is completed with the failure, so the asking chain goes on and answers the user, who is not sent an apology as well ({@value #ANSWERED_AGENT_HEADER}).
   */
  public void failed(Exchange exchange) {
    Envelope asked;
    try {
      asked = question(codec.decode(exchange.getMessage().getBody(String.class)));
    } catch (RuntimeException undecodable) {
      return;
    }
    if (asked == null) {
      return;
    }
    // the reason stays in the dead letter and the log: the model would pass it on to the user
    complete(asked, String.valueOf(asked.meta(ToolCallEvents.META_CALL)),
        "error: the agent " + asked.meta(MetaKeys.ASKED_AGENT) + " failed to answer; try without it", true, 0, 0);
    exchange.getMessage().setHeader(ANSWERED_AGENT_HEADER, true);
  }

  /** The question a failed event was part of: itself, or the root of the asked agent's chain it continued. */
  private Envelope question(Envelope failed) {
    Turn turn = Turn.of(failed);
    if (turn.delegated()) {
      return failed;
    }
    if (!turn.continuation()) {
      return null;
    }
    Envelope root = chains.find(failed.data().chain().root()).map(chain -> codec.decode(chain.rootEvent())).orElse(null);
    return root != null && Turn.of(root).delegated() ? root : null;
  }

  private void complete(Envelope asked, String callId, String result, boolean failed, int promptTokens, int completionTokens) {
    if (chains.call(callId).isEmpty()) {
      return; // no such call here (a dead letter replayed into another installation): nobody waits for this answer
    }
    long millis = Math.max(0, Duration.between(asked.time(), OffsetDateTime.now(ZoneOffset.UTC)).toMillis());
    // stored once: a redelivered answer finds the result there, and its completion is deduplicated in the pipeline
    if (chains.complete(callId, result, null, failed, millis) && promptTokens + completionTokens > 0) {
      chains.carryTokens(asked.data().chain().root(), promptTokens, completionTokens); // metered with the asking chain's answer
    }
    Envelope completed = ToolCallEvents.completed(asked, chains.call(callId).orElseThrow());
    if (Boolean.TRUE.equals(asked.meta(ASKER_WATCHES))) {
      completed = Envelopes.withMeta(completed, Envelopes.META_STREAM, true);
    }
    producer.sendBody(TO_CONVERSATION, codec.encode(completed));
  }
}
