package io.switchboard.command;

import io.switchboard.envelope.Envelope;
import java.util.List;

/**
 * What a command answers: text, and optionally images or files as envelope parts; or {@link #later()}, when the
 * command handed its work to the bus and the answer comes with the work's result.
 */
public record CommandReply(String text, List<Envelope.Part> parts, boolean deferred) {

  public CommandReply {
    parts = parts == null ? List.of() : List.copyOf(parts);
  }

  public CommandReply(String text, List<Envelope.Part> parts) {
    this(text, parts, false);
  }

  public static CommandReply text(String text) {
    return new CommandReply(text, List.of());
  }

  /** Nothing to say now: the turn's answer comes later, from the work the command published. */
  public static CommandReply later() {
    return new CommandReply(null, List.of(), true);
  }
}
