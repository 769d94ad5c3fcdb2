package io.switchboard.command;

import io.switchboard.envelope.Envelope;
import java.util.List;

/** What a command answers: text, and optionally images or files as envelope parts. */
public record CommandReply(String text, List<Envelope.Part> parts) {

  public CommandReply {
    parts = parts == null ? List.of() : List.copyOf(parts);
  }

  public static CommandReply text(String text) {
    return new CommandReply(text, List.of());
  }
}
