package io.switchboard.access;

import io.switchboard.command.Command;
import io.switchboard.command.CommandContext;
import io.switchboard.command.CommandReply;
import io.switchboard.command.Scene;
import io.switchboard.command.SceneDefinition;
import io.switchboard.command.SceneRegistry;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Grants of restricted scenes, for the platform's admins: {@code grant <user> <scene> [cmd] [until YYYY-MM-DD]},
 * {@code revoke <user> <scene> [cmd]}, {@code perms [user]}. A user without a platform ({@code 42}) is on the admin's
 * own platform ({@code telegram:42}).
 */
@Scene(name = "admin", description = "grant and revoke restricted scenes (admins)", restricted = true, root = true)
public class AdminScene {

  private final Permissions permissions;
  private final SceneRegistry registry;

  public AdminScene(Permissions permissions, SceneRegistry registry) {
    this.permissions = permissions;
    this.registry = registry;
  }

  @Command(name = "grant", description = "let a user run a restricted scene, or one of its commands", usage = "<user> <scene> [cmd] [until YYYY-MM-DD]",
      minArgs = 2, maxArgs = 5, adminOnly = true)
  public CommandReply grant(CommandContext context) {
    List<String> args = context.args();
    int untilAt = args.indexOf("until");
    List<String> target = untilAt < 0 ? args : args.subList(0, untilAt);
    LocalDate until = null;
    if (untilAt >= 0) {
      if (untilAt + 1 >= args.size()) {
        return CommandReply.text(context.text("admin.bad-date", "-"));
      }
      try {
        until = LocalDate.parse(args.get(untilAt + 1));
      } catch (DateTimeParseException e) {
        return CommandReply.text(context.text("admin.bad-date", args.get(untilAt + 1)));
      }
    }
    if (target.size() < 2 || target.size() > 3) {
      return CommandReply.text(context.text("command.usage", "grant", "<user> <scene> [cmd] [until YYYY-MM-DD]"));
    }
    Optional<String> problem = unknownSceneOrCommand(context, target.get(1), target.size() > 2 ? target.get(2) : null);
    if (problem.isPresent()) {
      return CommandReply.text(problem.get());
    }
    String user = userKey(context, target.get(0));
    String command = target.size() > 2 ? target.get(2) : null;
    permissions.grant(user, target.get(1), command, until, context.userKey());
    return CommandReply.text(context.text("admin.granted", user, target.get(1) + (command == null ? "" : " " + command), until == null ? "-" : until));
  }

  @Command(name = "revoke", description = "take a grant back", usage = "<user> <scene> [cmd]", minArgs = 2, maxArgs = 3, adminOnly = true)
  public CommandReply revoke(CommandContext context) {
    String user = userKey(context, context.arg(0));
    int removed = permissions.revoke(user, context.arg(1), context.arg(2));
    return CommandReply.text(context.text("admin.revoked", removed, user));
  }

  @Command(name = "perms", description = "a user's grants (yours without a user)", usage = "[user]", maxArgs = 1, adminOnly = true)
  public CommandReply perms(CommandContext context) {
    String user = context.arg(0) == null ? context.userKey() : userKey(context, context.arg(0));
    List<Permissions.Grant> grants = permissions.of(user);
    if (grants.isEmpty()) {
      return CommandReply.text(context.text("admin.no-grants", user));
    }
    LocalDate today = permissions.today();
    StringJoiner lines = new StringJoiner("\n", user + ":\n", "");
    grants.forEach(g -> lines.add("• " + g.scene() + (g.command() == null ? "" : " " + g.command())
        + (g.expiresOn() == null ? "" : " until " + g.expiresOn()) + (g.validOn(today) ? "" : " (" + context.text("admin.expired") + ")")));
    return CommandReply.text(lines.toString());
  }

  private Optional<String> unknownSceneOrCommand(CommandContext context, String sceneName, String command) {
    Optional<SceneDefinition> scene = registry.scene(sceneName);
    if (scene.isEmpty()) {
      return Optional.of(context.text("command.unknown", sceneName));
    }
    if (command != null && !scene.get().commands().containsKey(command)) {
      return Optional.of(context.text("command.unknown-in-scene", command, sceneName, String.join(", ", scene.get().commands().keySet())));
    }
    return Optional.empty();
  }

  static String userKey(CommandContext context, String user) {
    return user.contains(":") ? user : context.platform() + ":" + user;
  }
}
