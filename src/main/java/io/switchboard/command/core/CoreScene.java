package io.switchboard.command.core;

import io.switchboard.command.Command;
import io.switchboard.command.CommandContext;
import io.switchboard.command.CommandReply;
import io.switchboard.command.HelpText;
import io.switchboard.command.Scene;
import io.switchboard.command.SceneDefinition.CommandDefinition;
import io.switchboard.command.SceneDefinition;
import io.switchboard.command.SceneRegistry;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.limits.LimitSettings;
import io.switchboard.store.SessionRepository;
import io.switchboard.store.TokenUsageRepository;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

/** The commands every conversation has, typed with or without the scene name: help, whoami, chat_id, reset, usage. */
@Scene(name = "core", description = "help, who you are, a fresh conversation, your usage", root = true)
public class CoreScene {

  private final SceneRegistry registry;
  private final SessionRepository sessions;
  private final TokenUsageRepository usage;
  private final LimitSettings limits;

  public CoreScene(SceneRegistry registry, SessionRepository sessions, TokenUsageRepository usage, LimitSettings limits) {
    this.registry = registry;
    this.sessions = sessions;
    this.usage = usage;
    this.limits = limits;
  }

  @Command(name = "help", description = "the scenes; a scene's commands; one command's details", usage = "[scene] [cmd]", maxArgs = 2)
  public CommandReply help(CommandContext context) {
    Map<String, SceneDefinition> scenes = registry.scenes();
    HelpText help = new HelpText(context);
    String sceneName = context.arg(0);
    if (sceneName == null) {
      return CommandReply.text(help.overview(scenes));
    }
    Optional<SceneDefinition> scene = Optional.ofNullable(scenes.get(sceneName));
    if (scene.isEmpty()) {
      return CommandReply.text(registry.rootCommand(sceneName)
          .map(root -> help.details(root.getKey(), root.getValue()))
          .orElseGet(() -> context.text("command.unknown", sceneName)));
    }
    String commandName = context.arg(1);
    if (commandName == null) {
      return CommandReply.text(help.scene(scene.get()));
    }
    CommandDefinition command = scene.get().commands().get(commandName);
    return CommandReply.text(command == null
        ? context.text("command.unknown-in-scene", commandName, scene.get().name(), String.join(", ", scene.get().commands().keySet()))
        : help.details(scene.get(), command));
  }

  @Command(name = "whoami", description = "your user id, platform, bot and chat id (what grants and lists use)", maxArgs = 0)
  public CommandReply whoami(CommandContext context) {
    ConversationKey key = context.turn().event().conversation();
    String user = context.turn().event().data().sender() == null ? "-" : context.turn().event().data().sender().id();
    return CommandReply.text(context.text("command.whoami", user, key.platform(), key.bot(), key.chatId(), context.turn().session().id()));
  }

  @Command(name = "chat_id", description = "this chat's id, as allow/deny lists write it", maxArgs = 0)
  public CommandReply chatId(CommandContext context) {
    ConversationKey key = context.turn().event().conversation();
    String type = context.privateChat() ? "private" : "group";
    return CommandReply.text(key.platform() + ":" + key.bot() + ":" + type + ":" + key.chatId());
  }

  @Command(name = "reset", description = "start a fresh conversation (the model forgets what came before)", maxArgs = 0)
  public CommandReply reset(CommandContext context) {
    sessions.resetHistory(context.turn().session().id());
    return CommandReply.text(context.text("command.reset.done"));
  }

  @Command(name = "usage", description = "your token usage in this conversation and today", maxArgs = 0)
  public CommandReply usage(CommandContext context) {
    TokenUsageRepository.Totals session = usage.totals(context.turn().session().id());
    String user = context.turn().event().data().sender() == null ? null : context.turn().event().data().sender().id();
    LocalDate today = LocalDate.now(limits.timeZone());
    OffsetDateTime from = today.atStartOfDay(limits.timeZone()).toOffsetDateTime();
    long prompt = 0;
    long completion = 0;
    long requests = 0;
    if (user != null) {
      for (var totals : usage.byModel(context.platform(), user, from, from.plusDays(1))) {
        prompt += totals.promptTokens();
        completion += totals.completionTokens();
        requests += totals.messages();
      }
    }
    StringBuilder text = new StringBuilder(context.text("usage.summary", session.promptTokens(), session.completionTokens(), session.messages(),
        prompt, completion, requests));
    LimitSettings.Quota quota = limits.quota();
    if (quota.requestsPerDay() > 0 || quota.tokensPerDay() > 0) {
      text.append('\n').append(context.text("usage.quota", quota.requestsPerDay() > 0 ? quota.requestsPerDay() : "-", quota.tokensPerDay() > 0 ? quota.tokensPerDay() : "-"));
    }
    return CommandReply.text(text.toString());
  }
}
