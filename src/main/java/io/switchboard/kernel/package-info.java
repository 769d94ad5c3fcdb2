/**
 * The kernel every pipeline stage shares: the {@link io.switchboard.kernel.Turn} (one event on its way, with its
 * session and history), the {@link io.switchboard.kernel.StageOutcome} a stage leaves it in, the shared meta keys,
 * the user key, and the user's locale. It depends only on the envelope, so that the capabilities built on it
 * (access, limits, keys, commands, runners, the pipeline) need not import each other.
 */
package io.switchboard.kernel;
