package io.switchboard.command;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code switchboard.commands.*}: the command prefixes, whether bare lines ({@code help} without {@code /}) are
 * commands too, special line prefixes and their handlers, and per-scene access overrides.
 *
 * @param lineHandlers line prefix → handler: a Camel endpoint URI ({@code direct:notes}) or {@code model:<name>}
 */
@ConfigurationProperties("switchboard.commands")
public record CommandSettings(String prefixes, boolean bare, Map<String, String> lineHandlers, Map<String, SceneSettings> scenes) {

  public CommandSettings {
    prefixes = prefixes == null || prefixes.isEmpty() ? "/!" : prefixes;
    lineHandlers = lineHandlers == null ? Map.of() : Map.copyOf(lineHandlers);
    scenes = scenes == null ? Map.of() : Map.copyOf(scenes);
  }

  /** @param access {@code public} or {@code restricted}; empty keeps the scene's own setting */
  public record SceneSettings(String access, String description) {}
}
