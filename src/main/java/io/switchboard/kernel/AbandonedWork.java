package io.switchboard.kernel;

/**
 * Work a turn leaves behind in the store (a chain waiting for its next step) that must be let go of when the turn is
 * given up ({@code switchboard.replies.give-up-after}): the user was told it stopped, so it must not go on later.
 */
public interface AbandonedWork {

  void abandoned(Turn turn);
}
