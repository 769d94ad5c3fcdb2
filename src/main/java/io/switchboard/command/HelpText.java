package io.switchboard.command;

import io.switchboard.command.SceneDefinition.CommandDefinition;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.springframework.context.MessageSource;

/**
 * The help pages, generated from the registrations. Descriptions are the registrations' own (English) unless the
 * message bundle has {@code scene.<scene>.description} or {@code scene.<scene>.<cmd>.description} for the user's
 * language, so scenes and commands are described in Chinese too.
 */
public final class HelpText {

  private final MessageSource messages;
  private final Locale locale;

  public HelpText(CommandContext context) {
    this.messages = context.messages();
    this.locale = context.locale();
  }

  public String overview(Map<String, SceneDefinition> scenes) {
    StringJoiner lines = new StringJoiner("\n", text("help.scenes") + "\n", "\n" + text("help.footer"));
    scenes.values().forEach(s -> lines.add("• " + s.name() + lock(s) + " — " + describe(s)));
    scenes.values().stream().filter(SceneDefinition::root)
        .forEach(s -> s.commands().values().forEach(c -> lines.add("  /" + c.name() + " — " + describe(s, c))));
    return lines.toString();
  }

  public String scene(SceneDefinition scene) {
    StringJoiner lines = new StringJoiner("\n", scene.name() + lock(scene) + " — " + describe(scene) + "\n", "");
    // a root scene's commands are typed without its name
    String prefix = scene.root() ? "/" : scene.name() + " ";
    scene.commands().values().forEach(c -> lines.add("  " + prefix + c.name() + (c.usage().isEmpty() ? "" : " " + c.usage()) + " — " + describe(scene, c)));
    return lines.toString();
  }

  public String details(SceneDefinition scene, CommandDefinition command) {
    String prefix = scene.root() ? "/" : "/" + scene.name() + " ";
    return prefix + command.name() + (command.usage().isEmpty() ? "" : " " + command.usage()) + "\n" + describe(scene, command)
        + (scene.restricted() ? "\n" + text("help.restricted") : "") + (command.adminOnly() ? "\n" + text("help.admins-only") : "");
  }

  private String describe(SceneDefinition scene) {
    return messages.getMessage("scene." + scene.name() + ".description", null, scene.description(), locale);
  }

  private String describe(SceneDefinition scene, CommandDefinition command) {
    return messages.getMessage("scene." + scene.name() + "." + command.name() + ".description", null, command.description(), locale);
  }

  private static String lock(SceneDefinition scene) {
    return scene.restricted() ? " 🔒" : "";
  }

  private String text(String key) {
    return messages.getMessage(key, null, locale);
  }
}
