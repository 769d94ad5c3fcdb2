package io.switchboard.kernel;

/**
 * Where a turn stands after a pipeline stage. The pipeline route reads it after each gate: a turn that is no longer
 * {@link #CONTINUE} skips the remaining stages (to the reply when {@link #ANSWERED}, nowhere when {@link #DROPPED}).
 */
public enum StageOutcome {
  /** Nothing decided yet: the next stage runs. */
  CONTINUE,
  /** A stage answered (a command, a notice, the model): the reply stage publishes it. */
  ANSWERED,
  /** Dropped silently: no reply, nothing more recorded. */
  DROPPED,
  /** The answer comes later: the turn's chain waits for its tool calls, whose results continue it. */
  DEFERRED
}
