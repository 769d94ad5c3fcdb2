package io.switchboard.command;

import java.util.Map;

/** A scene as registered: from a {@link Scene} bean ({@code java}) or from YAML command routes ({@code yaml}). */
public record SceneDefinition(String name, String description, boolean restricted, boolean root, String origin, Map<String, CommandDefinition> commands) {

  public record CommandDefinition(String name, String description, String usage, int minArgs, int maxArgs, boolean adminOnly, Handler handler) {

    public boolean accepts(int argCount) {
      return argCount >= minArgs && (maxArgs < 0 || argCount <= maxArgs);
    }
  }

  /** Runs a command. */
  @FunctionalInterface
  public interface Handler {
    CommandReply run(CommandContext context) throws Exception;
  }
}
