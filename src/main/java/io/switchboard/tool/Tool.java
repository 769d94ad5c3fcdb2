package io.switchboard.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Optional;

/**
 * Something an agent may call: a built-in, an HTTP tool from configuration, or an MCP server's tool. It runs in the
 * tool route (routes/tools.camel.yaml), on whichever instance takes the call from the bus, never inside the
 * runner's thread.
 */
public interface Tool {

  ToolDefinition definition();

  /**
   * Runs the call and returns the text the model reads. A failure the model can act on (a refused URL, a 404) is a
   * {@link ToolFailure} with a reason for the model; anything else is reported to it as a generic failure.
   */
  String call(ObjectNode arguments, ToolContext context) throws Exception;

  /** Runs the call for the tool route: its text, and the files it produced, which most tools produce none of. */
  default ToolResult run(ObjectNode arguments, ToolContext context) throws Exception {
    return ToolResult.text(call(arguments, context));
  }

  /**
   * Why the tool cannot run now (its backend is down), or empty: an unavailable tool is listed as such by
   * {@code /tools} and not offered to the model.
   */
  default Optional<String> unavailable() {
    return Optional.empty();
  }

  /**
   * How long one call may take, when the tool bounds its own work (the sandbox's time limit and its overhead);
   * empty for {@code switchboard.tools.call-timeout}.
   */
  default Optional<Duration> callTimeout() {
    return Optional.empty();
  }

  /**
   * The routing key its calls travel with on {@code sb.tools}: {@code call} for the shared tool queue, or the key of
   * a queue of its own whose consumers match what the tool can run at once (the sandbox's {@code max-concurrent}).
   */
  default String lane() {
    return "call";
  }
}
