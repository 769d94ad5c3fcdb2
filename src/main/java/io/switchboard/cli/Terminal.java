package io.switchboard.cli;

import java.util.List;
import java.util.function.Consumer;

/** One terminal conversation, in this process or with a running serve. */
interface Terminal {

  record Reply(String text, List<String> prompt) {}

  /** Sends a message and waits for the answer; {@code partials}, when given, gets the answer so far as it is written. */
  Reply send(String text, boolean debug, Consumer<String> partials) throws Exception;
}
