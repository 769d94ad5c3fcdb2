package io.switchboard.egress;

import io.switchboard.envelope.Envelope;
import io.switchboard.kernel.MetaKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The buttons under a question asking the user to confirm tool calls ({@link MetaKeys#CONFIRMATIONS}), for the
 * platforms that have buttons: per held call, one to confirm and one to cancel. A button carries the very command the
 * question names, so a press is read like the typed command, from the user the platform says pressed it.
 */
public final class ConfirmationButtons {

  /** One button: what it shows and the command it sends back. */
  public record Button(String label, String command, boolean confirms) {}

  private static final Pattern COMMAND = Pattern.compile("^/(confirm|cancel) [A-Za-z0-9-]{1,40}$");

  private ConfirmationButtons() {}

  /** A row of buttons per held call; none for any other reply. */
  public static List<List<Button>> of(Envelope reply) {
    if (!(reply.meta(MetaKeys.CONFIRMATIONS) instanceof List<?> held)) {
      return List.of();
    }
    List<List<Button>> rows = new ArrayList<>();
    for (Object entry : held) {
      if (entry instanceof Map<?, ?> confirmation && confirmation.get("id") != null) {
        String id = String.valueOf(confirmation.get("id"));
        rows.add(List.of(new Button("\u2705 /confirm " + id, "/confirm " + id, true), new Button("\u2716 /cancel " + id, "/cancel " + id, false)));
      }
    }
    return rows;
  }

  /** Whether a press's data is one of these buttons' commands (anything else a client sends is not taken). */
  public static boolean isButtonCommand(String data) {
    return data != null && COMMAND.matcher(data).matches();
  }
}
