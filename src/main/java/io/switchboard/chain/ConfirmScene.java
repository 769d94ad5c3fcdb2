package io.switchboard.chain;

import io.switchboard.command.Command;
import io.switchboard.command.CommandContext;
import io.switchboard.command.CommandReply;
import io.switchboard.command.Scene;
import java.util.List;
import java.util.Optional;

/**
 * {@code /confirm <id>}, {@code /cancel <id>}, {@code /pending}: the human side of tools that ask first. Only the user
 * who started the chain, or an admin, decides; a confirmation is found by its id from any chat of that user.
 */
@Scene(name = "confirmations", description = "confirm or cancel what an agent asks to run", root = true)
public class ConfirmScene {

  private final Confirmations confirmations;
  private final ConfirmationDecisions decisions;

  public ConfirmScene(Confirmations confirmations, ConfirmationDecisions decisions) {
    this.confirmations = confirmations;
    this.decisions = decisions;
  }

  @Command(name = "confirm", description = "run a tool call the agent asked you about", usage = "<id>", minArgs = 1, maxArgs = 1)
  public CommandReply confirm(CommandContext context) {
    return decide(context, true);
  }

  @Command(name = "cancel", description = "refuse a tool call the agent asked you about", usage = "<id>", minArgs = 1, maxArgs = 1)
  public CommandReply cancel(CommandContext context) {
    return decide(context, false);
  }

  @Command(name = "pending", description = "the tool calls waiting for your answer in this chat", maxArgs = 0)
  public CommandReply pending(CommandContext context) {
    List<Confirmations.Confirmation> mine = confirmations.pending(context.turn().event().subject()).stream()
        .filter(held -> context.admin() || held.userKey() != null && held.userKey().equals(context.userKey()))
        .toList();
    if (mine.isEmpty()) {
      return CommandReply.text(context.text("confirm.none"));
    }
    StringBuilder text = new StringBuilder(context.text("confirm.pending"));
    mine.forEach(held -> text.append("\n• ").append(held.id()).append(": ").append(held.tool()).append(' ').append(held.arguments()));
    return CommandReply.text(text.toString());
  }

  private CommandReply decide(CommandContext context, boolean confirmed) {
    String id = context.arg(0);
    Optional<Confirmations.Confirmation> held = confirmations.find(id);
    if (held.isEmpty() || !(context.admin() || held.get().userKey() != null && held.get().userKey().equals(context.userKey()))) {
      return CommandReply.text(context.text("confirm.unknown", id)); // another user's id is as unknown as a wrong one
    }
    if (!decisions.decide(held.get(), confirmed, context.userKey())) {
      return CommandReply.text(context.text("confirm.decided", id, held.get().tool()));
    }
    return CommandReply.text(context.text(confirmed ? "confirm.running" : "confirm.cancelled", held.get().tool()));
  }
}
