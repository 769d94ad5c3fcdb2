package io.switchboard.kernel;

/**
 * Keys of an envelope's {@code meta} that stages and channels share. The envelope's own keys (reply-to, debug,
 * producer) are in {@link io.switchboard.envelope.Envelopes}.
 */
public final class MetaKeys {

  /** On an incoming event: the adapter saw the bot addressed (a private chat, a mention, a reply to the bot). */
  public static final String ADDRESSED = "addressed";
  /** On a reply: it reports a failure (the user's message was not answered). */
  public static final String ERROR = "error";
  /** On a reply: a "still working" notice, not the answer. */
  public static final String PROGRESS = "progress";
  /** On a reply: the prompt sent to the model, echoed to admins who asked with {@code debug}. */
  public static final String PROMPT = "prompt";
  /** On a reply: the model that answered. */
  public static final String MODEL = "model";
  /** On a reply: the tokens it cost. */
  public static final String USAGE = "usage";
  /** On a reply: the tool calls its chain made, each with its arguments, result and duration. */
  public static final String STEPS = "steps";
  /** On a reply: tool calls waiting for the user's confirmation, each with its id, tool and arguments. */
  public static final String CONFIRMATIONS = "confirmations";
  /** The answer came from the agent's call cache: no model was asked. */
  public static final String CACHED = "cached";

  /** On a reply: a message of its own in the chat, not an answer to one (what a group event's route says). */
  public static final String STANDALONE = "standalone";

  /** On an {@code agent.question}: the agent that is asked ({@code ask_agent}). */
  public static final String ASKED_AGENT = "askedAgent";

  private MetaKeys() {}
}
