package io.switchboard.kernel;

import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One event on its way through the pipeline: the body every stage reads and fills in. Stages run one after another
 * on one thread, so it needs no locking.
 */
public class Turn {

  /** The runner of the default agent: an OpenAI-compatible model through langchain4j. */
  public static final String DEFAULT_RUNNER = "llm";

  /** Where the turn goes after classification: a command (or special-prefix handler), or the runner. */
  public enum Kind { COMMAND, RUNNER, CONTINUATION }

  private final Envelope event;
  private Session session;
  private Kind kind = Kind.RUNNER;
  private String promptText;
  private String modelOverride;
  private String agentOverride;
  private String lineHandler;
  private boolean dropped;
  private ModelEndpoint ownModel;
  private List<Envelope.Part> replyParts = List.of();
  private List<StoredMessage> history = List.of();
  private String replyText;
  private String model;
  private Integer promptTokens;
  private Integer completionTokens;
  private final Map<String, Object> replyMeta = new LinkedHashMap<>();
  private boolean recorded = true;
  private boolean showPrompt;
  private String runner = DEFAULT_RUNNER;
  private Duration runnerTimeout;
  private Envelope answering;
  private boolean deferred;

  public Turn(Envelope event) {
    this.event = event;
  }

  /** A fresh turn for a decoded event (the pipeline route's first step). */
  public static Turn of(Envelope event) {
    return new Turn(event);
  }

  public Envelope event() {
    return event;
  }

  public String text() {
    return event.text();
  }

  public Kind kind() {
    return kind;
  }

  public void kind(Kind kind) {
    this.kind = kind;
  }

  /** The text the model gets: the user's, unless a stage changed it (masked words, a stripped line prefix). */
  public String promptText() {
    return promptText != null ? promptText : event.text();
  }

  public void promptText(String text) {
    this.promptText = text;
  }

  /** The agent that answers this turn only (an {@code @name} message); null: the conversation's. */
  public String agentOverride() {
    return agentOverride;
  }

  /** This turn asks another agent than the conversation's, once, with the rest of the line. */
  public void askAgent(String agent, String text) {
    this.agentOverride = agent;
    this.promptText = text;
  }

  /** The model to use for this turn only (a {@code model:<name>} line prefix); null: the configured one. */
  public String modelOverride() {
    return modelOverride;
  }

  public void prompt(String text, String model) {
    this.promptText = text;
    this.modelOverride = model;
  }

  /** The Camel endpoint a special line prefix sends the rest of the line to; null for ordinary lines. */
  public String lineHandler() {
    return lineHandler;
  }

  public void lineHandler(String endpointUri, String rest) {
    this.lineHandler = endpointUri;
    this.promptText = rest;
  }

  /** Dropped silently (e.g. over the rate limit with the action {@code drop}): no reply, nothing recorded. */
  public boolean dropped() {
    return dropped;
  }

  public void drop() {
    this.dropped = true;
  }

  /** The user's own model (bring your own key), when they set one; the shared quota does not apply to it. */
  public ModelEndpoint ownModel() {
    return ownModel;
  }

  public void ownModel(ModelEndpoint model) {
    this.ownModel = model;
  }

  public List<Envelope.Part> replyParts() {
    return replyParts;
  }

  public void replyParts(List<Envelope.Part> parts) {
    this.replyParts = List.copyOf(parts);
  }
  public Session session() {
    return session;
  }

  public void session(Session session) {
    this.session = session;
  }

  public List<StoredMessage> history() {
    return history;
  }

  public void history(List<StoredMessage> history) {
    this.history = new ArrayList<>(history);
  }

  public boolean answered() {
    return replyText != null;
  }

  public String replyText() {
    return replyText;
  }

  public void reply(String text) {
    this.replyText = text;
  }

  /** A reply produced by a model, with what it cost. */
  public void reply(String text, String model, Integer promptTokens, Integer completionTokens) {
    this.replyText = text;
    this.model = model;
    this.promptTokens = promptTokens;
    this.completionTokens = completionTokens;
  }

  public String model() {
    return model;
  }

  public Integer promptTokens() {
    return promptTokens;
  }

  public Integer completionTokens() {
    return completionTokens;
  }

  public Map<String, Object> replyMeta() {
    return replyMeta;
  }

  /** The reply is for the user only, not for the history the model sees (e.g. "this took too long"). */
  public void doNotRecord() {
    this.recorded = false;
  }

  public boolean recorded() {
    return recorded;
  }

  /** Whether the reply may carry the prompt sent to the model: asked for ({@code debug}) by an admin. */
  public boolean showPrompt() {
    return showPrompt;
  }

  public void showPrompt(boolean allowed) {
    this.showPrompt = allowed;
  }

  /** Where the turn stands: dropped, answered, waiting for its chain, or still open for the next stage. */
  public StageOutcome outcome() {
    if (dropped) {
      return StageOutcome.DROPPED;
    }
    return answered() ? StageOutcome.ANSWERED : deferred ? StageOutcome.DEFERRED : StageOutcome.CONTINUE;
  }

  /** The chain asked for tools: nothing to reply now; a tool result will continue it. */
  public void defer() {
    this.deferred = true;
  }

  /**
   * A chain's own event: a tool call's result, to continue the chain in its conversation. Only Switchboard publishes
   * these; one a producer sent (stamped as theirs) is an ordinary event.
   */
  public boolean continuation() {
    return Envelope.TOOL_CALL_COMPLETED.equals(event.type()) && event.meta(Envelopes.META_PRODUCER) == null;
  }

  /** A question an agent put to another agent ({@code ask_agent}): its answer goes back to the asking chain. */
  public boolean delegated() {
    return Envelope.AGENT_QUESTION.equals(event.type()) && event.meta(Envelopes.META_PRODUCER) == null;
  }

  /** A member joined or left the group, or the bot was added or removed: for the operator's routes, not an agent. */
  public boolean groupEvent() {
    return Envelope.GROUP_EVENTS.contains(event.type());
  }

  /** Whether the answer is for an agent that asked ({@code ask_agent}), directly or at the end of the asked one's chain. */
  public boolean answersAgent() {
    Envelope root = answering();
    return Envelope.AGENT_QUESTION.equals(root.type()) && root.meta(Envelopes.META_PRODUCER) == null;
  }

  /** The user's event the reply answers: this turn's event, or the chain's first when a chain ends. */
  public Envelope answering() {
    return answering != null ? answering : event;
  }

  public void answering(Envelope rootEvent) {
    this.answering = rootEvent;
  }

  /** Decided: answered or dropped. The pipeline route skips the remaining stages of a settled turn. */
  public boolean settled() {
    return outcome() != StageOutcome.CONTINUE;
  }

  /** The runner that answers a prompt: its route is {@code direct:runner-<runner>} (routes/runners/). */
  public String runner() {
    return runner;
  }

  public void runner(String runner) {
    this.runner = runner;
  }

  /** How long the runner's service may take (an agent's {@code timeout}); null: the reply limits alone. */
  public Duration runnerTimeout() {
    return runnerTimeout;
  }

  public void runner(String runner, Duration timeout) {
    this.runner = runner;
    this.runnerTimeout = timeout;
  }

  /** The dedupe key; used by the idempotent consumer in pipeline.camel.yaml. */
  public String dedupeKey() {
    return event.dedupeKey();
  }
}
