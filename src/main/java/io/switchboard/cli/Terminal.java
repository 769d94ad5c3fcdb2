package io.switchboard.cli;

import java.util.List;

/** One terminal conversation, in this process or with a running serve. */
interface Terminal {

  record Reply(String text, List<String> prompt) {}

  Reply send(String text, boolean debug) throws Exception;
}
