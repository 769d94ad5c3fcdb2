package io.switchboard.chain;

/** The routes of a chain's tool calls (routes/tools.camel.yaml). */
public final class ToolLoopRoutes {

  /** Publishes a {@code tool.call.requested} event to the tool queue. */
  public static final String PUBLISH_CALL = "direct:tool-call-publish";

  private ToolLoopRoutes() {}
}
