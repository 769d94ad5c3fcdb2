package io.switchboard.sandbox;

import io.switchboard.command.Command;
import io.switchboard.command.CommandContext;
import io.switchboard.command.CommandReply;
import io.switchboard.command.Scene;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /run <language>} with the code in the same message (on the same line, or the lines after it, fenced or
 * not): the user's own program in the sandbox, for admins and the users granted the {@code sandbox} scene.
 */
@Scene(name = "sandbox", description = "run code in the sandbox", restricted = true, root = true)
public class SandboxScene {

  /** The message after its command word and language: the rest of the line and every line after it. */
  private static final Pattern CODE = Pattern.compile("^\\s*[/!]?(?:sandbox\\s+)?run\\s+\\S+[ \\t]*\\R?(.*)$", Pattern.DOTALL);
  private static final Pattern FENCE = Pattern.compile("^```[\\w+-]*\\R(.*?)\\R?```\\s*$", Pattern.DOTALL);

  private final DockerSandbox sandbox;

  public SandboxScene(DockerSandbox sandbox) {
    this.sandbox = sandbox;
  }

  @Command(name = "run", description = "run the code that follows in the sandbox", usage = "<language> <code>", minArgs = 1)
  public CommandReply run(CommandContext context) throws InterruptedException {
    String language = context.arg(0);
    String profile = profileFor(language);
    String code = codeOf(context.turn().text());
    if (profile == null || code.isBlank()) {
      return CommandReply.text(context.text("sandbox.usage", String.join(", ", new TreeSet<>(sandbox.settings().profilesByLanguage().keySet()))));
    }
    try {
      SandboxResult result = sandbox.run(new SandboxRequest(profile, code, Map.of()));
      return CommandReply.text(RunCodeTool.report(result));
    } catch (IllegalArgumentException refused) {
      return CommandReply.text(context.text("sandbox.refused", refused.getMessage()));
    } catch (SandboxUnavailableException e) {
      return CommandReply.text(context.text("sandbox.unavailable", e.getMessage()));
    }
  }

  /** The code of a {@code /run} message, without the fence a chat client may have put around it. */
  static String codeOf(String text) {
    Matcher command = CODE.matcher(text == null ? "" : text);
    if (!command.matches()) {
      return "";
    }
    String code = command.group(1).strip();
    Matcher fenced = FENCE.matcher(code);
    return fenced.matches() ? fenced.group(1) : code;
  }

  private String profileFor(String language) {
    return sandbox.settings().profilesByLanguage().get(language.toLowerCase(Locale.ROOT));
  }
}
