package io.switchboard.command;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.command.SceneDefinition.CommandDefinition;
import io.switchboard.envelope.Envelopes;
import io.switchboard.kernel.Turn;
import io.switchboard.kernel.UserKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.ProducerTemplate;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Pipeline stage: decides whether a line is a command, a special-prefix line or a message for the model
 * ({@link #classify}), and runs commands with their permission checks ({@link #execute}).
 *
 * <p>A line prefixed with {@code /} or {@code !} is always taken as a command, and an unknown one is answered with the
 * nearest matches. A bare line is a command only when it fully resolves ({@code <scene> <cmd>}, or a root command
 * with an acceptable number of arguments); anything else goes to the model, so "help me write a poem" is a question.
 */
@Component("commands")
public class CommandDispatcher {

  private final SceneRegistry registry;
  private final CommandPermissions permissions;
  private final CommandSettings settings;
  private final MessageSource messages;
  private final ProducerTemplate producer;
  private final MeterRegistry meters;

  public CommandDispatcher(SceneRegistry registry, CommandPermissions permissions, CommandSettings settings,
      MessageSource messages, ProducerTemplate producer, MeterRegistry meters) {
    this.registry = registry;
    this.permissions = permissions;
    this.settings = settings;
    this.messages = messages;
    this.producer = producer;
    this.meters = meters;
  }

  /** What the line resolves to. */
  record Resolution(SceneDefinition scene, CommandDefinition command, List<String> args, String unknown) {}

  /** Sets the turn's kind: a command, a line for a special handler, or a prompt for the runner. */
  public Turn classify(Turn turn) {
    if (turn.continuation()) { // a tool result: the chain's runner goes on, whatever its text
      turn.kind(Turn.Kind.CONTINUATION);
      return turn;
    }
    if (turn.delegated()) { // an agent's question to another agent: a prompt, even when it reads like a command
      turn.kind(Turn.Kind.RUNNER);
      return turn;
    }
    if (Boolean.TRUE.equals(turn.event().meta(Envelopes.META_DEBUG))) {
      // the prompt holds the system prompt and the history: echoed to admins only
      turn.showPrompt(permissions.isAdmin(turn.event()));
    }
    String text = turn.text() == null ? "" : turn.text().strip();
    for (Map.Entry<String, String> handler : settings.lineHandlers().entrySet()) {
      if (!handler.getKey().isEmpty() && text.startsWith(handler.getKey())) {
        String rest = text.substring(handler.getKey().length()).strip();
        if (handler.getValue().startsWith("model:")) {
          turn.prompt(rest, handler.getValue().substring("model:".length()));
          turn.kind(Turn.Kind.RUNNER);
        } else {
          turn.lineHandler(handler.getValue(), rest);
          turn.kind(Turn.Kind.COMMAND);
        }
        return turn;
      }
    }
    turn.kind(resolve(text).isPresent() ? Turn.Kind.COMMAND : Turn.Kind.RUNNER);
    return turn;
  }

  Optional<Resolution> resolve(String text) {
    Optional<CommandLine> parsed = CommandLine.parse(text, settings.prefixes());
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    CommandLine line = parsed.get();
    if (!line.prefixed() && !settings.bare()) {
      return Optional.empty();
    }
    String first = line.first().toLowerCase(java.util.Locale.ROOT);
    Optional<SceneDefinition> scene = registry.scene(first);
    if (scene.isPresent()) {
      String name = line.words().size() > 1 ? line.words().get(1).toLowerCase(java.util.Locale.ROOT) : null;
      CommandDefinition command = name == null ? null : scene.get().commands().get(name);
      if (command != null && (line.prefixed() || command.accepts(line.from(2).size()))) {
        return Optional.of(new Resolution(scene.get(), command, line.from(2), null));
      }
      if (line.prefixed()) { // "/ops" or "/ops nonsense": help for the scene, with the nearest command
        return Optional.of(new Resolution(scene.get(), null, line.from(1), name));
      }
      return Optional.empty();
    }
    Optional<Map.Entry<SceneDefinition, CommandDefinition>> root = registry.rootCommand(first);
    if (root.isPresent() && (line.prefixed() || root.get().getValue().accepts(line.from(1).size()))) {
      return Optional.of(new Resolution(root.get().getKey(), root.get().getValue(), line.from(1), null));
    }
    return line.prefixed() ? Optional.of(new Resolution(null, null, line.from(1), first)) : Optional.empty();
  }

  /** Runs the command (or the special-prefix handler) and puts its answer on the turn. */
  public Turn execute(Turn turn) throws Exception {
    if (turn.lineHandler() != null) {
      Object answer = producer.requestBodyAndHeader(turn.lineHandler(), turn.promptText(), "SwitchboardConversation", turn.event().subject());
      turn.reply(answer == null ? "" : answer.toString());
      return turn;
    }
    Resolution resolution = resolve(turn.text()).orElseThrow();
    String userKey = UserKey.of(turn.event());
    boolean admin = permissions.isAdmin(turn.event());
    CommandContext context = new CommandContext(turn, resolution.scene() == null ? null : resolution.scene().name(),
        resolution.command() == null ? null : resolution.command().name(), resolution.args(), userKey, admin, messages);
    if (resolution.command() == null) {
      turn.reply(unknown(context, resolution));
      return turn;
    }
    if (!permitted(resolution, userKey, admin)) {
      meters.counter("switchboard.commands.denied", "scene", resolution.scene().name()).increment();
      turn.reply(context.text("command.denied", resolution.scene().name() + " " + resolution.command().name()));
      return turn;
    }
    if (!resolution.command().accepts(resolution.args().size())) {
      turn.reply(context.text("command.usage", resolution.scene().name() + " " + resolution.command().name(), resolution.command().usage()));
      return turn;
    }
    meters.counter("switchboard.commands.run", "scene", resolution.scene().name(), "command", resolution.command().name()).increment();
    CommandReply reply = resolution.command().handler().run(context);
    if (reply.deferred()) {
      turn.defer();
      return turn;
    }
    turn.reply(reply.text());
    turn.replyParts(reply.parts());
    return turn;
  }

  boolean permitted(Resolution resolution, String userKey, boolean admin) {
    if (admin) {
      return true;
    }
    if (resolution.command().adminOnly()) {
      return false;
    }
    return !resolution.scene().restricted()
        || (userKey != null && permissions.granted(userKey, resolution.scene().name(), resolution.command().name()));
  }

  private String unknown(CommandContext context, Resolution resolution) {
    if (resolution.scene() != null) {
      List<String> near = Suggestions.nearest(resolution.unknown(), resolution.scene().commands().keySet());
      String commands = String.join(", ", resolution.scene().commands().keySet());
      return resolution.unknown() == null
          ? context.text("command.scene-commands", resolution.scene().name(), commands)
          : context.text("command.unknown-in-scene", resolution.unknown(), resolution.scene().name(), near.isEmpty() ? commands : String.join(", ", near));
    }
    List<String> candidates = new java.util.ArrayList<>(registry.scenes().keySet());
    registry.scenes().values().stream().filter(SceneDefinition::root).forEach(s -> candidates.addAll(s.commands().keySet()));
    List<String> near = Suggestions.nearest(resolution.unknown(), candidates);
    return near.isEmpty() ? context.text("command.unknown", resolution.unknown()) : context.text("command.unknown-near", resolution.unknown(), String.join(", ", near));
  }
}
