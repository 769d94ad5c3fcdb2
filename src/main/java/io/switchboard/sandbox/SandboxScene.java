package io.switchboard.sandbox;

import io.switchboard.chain.DirectCalls;
import io.switchboard.command.Command;
import io.switchboard.command.CommandContext;
import io.switchboard.command.CommandReply;
import io.switchboard.command.Scene;
import io.switchboard.envelope.Envelope;
import io.switchboard.files.InboundFiles;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /run <language>} with the code in the same message (on the same line, or the lines after it, fenced or
 * not), and the files attached to it beside the code: the user's own program in the sandbox, for admins and the users
 * granted the {@code sandbox} scene. The run is a call on the bus like the model's ({@link DirectCalls}): it waits
 * there for a free slot, and its report and the files it wrote are the answer.
 */
@Scene(name = "sandbox", description = "run code in the sandbox", restricted = true, root = true)
public class SandboxScene {

  /** The message after its command word and language: the rest of the line and every line after it. */
  private static final Pattern CODE = Pattern.compile("^\\s*[/!]?(?:sandbox\\s+)?run\\s+\\S+[ \\t]*\\R?(.*)$", Pattern.DOTALL);
  private static final Pattern FENCE = Pattern.compile("^```[\\w+-]*\\R(.*?)\\R?```\\s*$", Pattern.DOTALL);

  private final DockerSandbox sandbox;
  private final DirectCalls runs;
  private final InboundFiles inbound;

  public SandboxScene(DockerSandbox sandbox, DirectCalls runs, InboundFiles inbound) {
    this.sandbox = sandbox;
    this.runs = runs;
    this.inbound = inbound;
  }

  @Command(name = "run", description = "run the code that follows in the sandbox", usage = "<language> <code>", minArgs = 1)
  public CommandReply run(CommandContext context) throws InterruptedException {
    String language = context.arg(0).toLowerCase(Locale.ROOT);
    String profile = sandbox.settings().profilesByLanguage().get(language);
    String code = codeOf(context.turn().text());
    if (profile == null || code.isBlank()) {
      return CommandReply.text(context.text("sandbox.usage", String.join(", ", new TreeSet<>(sandbox.settings().profilesByLanguage().keySet()))));
    }
    Map<String, byte[]> files;
    try {
      files = attachments(context.turn().event());
    } catch (IOException e) {
      return CommandReply.text(context.text("sandbox.attachment-failed", e.getMessage()));
    }
    String problem = new SandboxRequest(profile, code, files).problem(sandbox.settings().profiles().get(profile));
    if (problem != null) {
      return CommandReply.text(context.text("sandbox.refused", problem));
    }
    Optional<String> unavailable = sandbox.unavailable();
    if (unavailable.isPresent()) {
      return CommandReply.text(context.text("sandbox.unavailable", unavailable.get()));
    }
    runs.request(context.turn(), RunCodeTool.NAME, RunCodeTool.arguments(language, code, files));
    return CommandReply.later();
  }

  /** The files attached to the message, by a plain file name (the platform's name, made safe, or attachment-N). */
  private Map<String, byte[]> attachments(Envelope event) throws IOException, InterruptedException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (Envelope.Part part : event.data().parts()) {
      Optional<InboundFiles.Download> file = inbound.fetch(event, part);
      if (file.isPresent()) {
        files.put(uniqueName(fileName(file.get().name(), files.size() + 1), files), file.get().content());
      }
    }
    return files;
  }

  static String fileName(String given, int position) {
    String name = given == null ? "" : given.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "");
    if (name.length() > 64) {
      int dot = name.lastIndexOf('.');
      String extension = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
      name = name.substring(0, 64 - extension.length()) + extension;
    }
    return name.isEmpty() ? "attachment-" + position : name;
  }

  private static String uniqueName(String name, Map<String, byte[]> taken) {
    String unique = name;
    for (int n = 2; taken.containsKey(unique); n++) {
      unique = n + "-" + name;
    }
    return unique.length() > 64 ? unique.substring(0, 64) : unique;
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
}
