package io.switchboard.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.bus.BusTopology;
import io.switchboard.files.StoredFiles;
import io.switchboard.tool.Tool;
import io.switchboard.tool.ToolContext;
import io.switchboard.tool.ToolDefinition;
import io.switchboard.tool.ToolFailure;
import io.switchboard.tool.ToolResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.stereotype.Component;

/**
 * Built-in {@code run_code}: the model's code in the sandbox, in one of the profiles' languages, with small text files
 * beside it. Marked {@code confirm}: a human sees the code before it runs, unless the operator lists it under an
 * agent's {@code unconfirmed} tools. The model reads the run's summary line and its (capped) output.
 */
@Component
public class RunCodeTool implements Tool {

  public static final String NAME = "run_code";
  /** Files as base64, by name: the user's attachments of a {@code /run} (not offered to the model, which has text). */
  static final String ATTACHMENTS = "attachments";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DockerSandbox sandbox;
  private final StoredFiles stored;

  public RunCodeTool(DockerSandbox sandbox, StoredFiles stored) {
    this.sandbox = sandbox;
    this.stored = stored;
  }

  @Override
  public ToolDefinition definition() {
    SandboxLimits limits = sandbox.settings().limits();
    ObjectNode schema = JSON.createObjectNode().put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    ArrayNode languages = properties.putObject("language").put("type", "string").put("description", "The language the code is in")
        .putArray("enum");
    new TreeSet<>(sandbox.settings().profilesByLanguage().keySet()).forEach(languages::add);
    properties.putObject("code").put("type", "string").put("description", "The program; it reads its files from the working directory");
    properties.putObject("files").put("type", "object")
        .put("description", "Small text files to put beside the code, by file name (name: content)");
    schema.putArray("required").add("language").add("code");
    String description = "Runs a program in an isolated sandbox and returns its exit code and output: no network, "
        + limits.memory().toMegabytes() + " MiB of memory, " + limits.timeout().toSeconds() + " s, output cut at "
        + limits.outputCap().toKilobytes() + " KiB per stream. Files it writes into its working directory are sent to the user (at most "
        + limits.outputFiles() + ", " + limits.outputFileSize().toKilobytes() + " KiB each). Use it to compute, transform data, make a"
        + " file or check an answer.";
    return new ToolDefinition(NAME, description, schema, true, ToolDefinition.BUILT_IN);
  }

  @Override
  public Optional<String> unavailable() {
    return sandbox.unavailable();
  }

  /**
   * The longest profile's time limit, plus the sandbox's own margin (the outer kill 5 s after it, start-up, reading
   * the logs, a wait for a free slot), so that the model reads the run's own "killed: time limit" and not a timeout.
   */
  @Override
  public Optional<Duration> callTimeout() {
    return Optional.of(sandbox.settings().longestTimeout().plusSeconds(30));
  }

  /** Runs wait in their own queue for one of the sandbox's slots, not in the shared tool consumers. */
  @Override
  public String lane() {
    return BusTopology.SANDBOX_KEY;
  }

  @Override
  public String call(ObjectNode arguments, ToolContext context) throws ToolFailure, InterruptedException {
    return run(arguments, context).text();
  }

  /** The run's report, and the files the code wrote, stored to be attached to the answer. */
  @Override
  public ToolResult run(ObjectNode arguments, ToolContext context) throws ToolFailure, InterruptedException {
    String language = arguments.path("language").asText("");
    String profile = sandbox.settings().profilesByLanguage().get(language);
    if (profile == null) {
      throw new ToolFailure("no sandbox runs " + (language.isEmpty() ? "that language" : language) + "; it runs "
          + String.join(", ", new TreeSet<>(sandbox.settings().profilesByLanguage().keySet())));
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = arguments.path("files").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> file = it.next();
      files.put(file.getKey(), file.getValue().asText().getBytes(StandardCharsets.UTF_8));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = arguments.path(ATTACHMENTS).fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> file = it.next();
      try {
        files.put(file.getKey(), Base64.getDecoder().decode(file.getValue().asText()));
      } catch (IllegalArgumentException e) {
        throw new ToolFailure("the attachment " + file.getKey() + " is not base64");
      }
    }
    try {
      SandboxResult result = sandbox.run(new SandboxRequest(profile, arguments.path("code").asText(""), files));
      return new ToolResult(report(result), result.files().returned().stream()
          .map(file -> stored.store(file.name(), mimeType(file.name()), file.content())).toList());
    } catch (IllegalArgumentException refused) {
      throw new ToolFailure(refused.getMessage());
    } catch (SandboxUnavailableException e) {
      throw new ToolFailure("the sandbox is unavailable: " + e.getMessage());
    }
  }

  /** The arguments of a call that runs this code with these files (a {@code /run}). */
  static String arguments(String language, String code, Map<String, byte[]> files) {
    ObjectNode arguments = JSON.createObjectNode().put("language", language).put("code", code);
    ObjectNode attachments = arguments.putObject(ATTACHMENTS);
    files.forEach((name, content) -> attachments.put(name, Base64.getEncoder().encodeToString(content)));
    return arguments.toString();
  }

  static String mimeType(String name) {
    return MediaTypeFactory.getMediaType(name).map(MediaType::toString).orElse(MediaType.APPLICATION_OCTET_STREAM_VALUE);
  }

  /** What the model reads: the summary line, then each non-empty stream. */
  static String report(SandboxResult result) {
    StringBuilder text = new StringBuilder(result.summary());
    if (!result.stdout().isEmpty()) {
      text.append("\n--- stdout ---\n").append(result.stdout());
    }
    if (!result.stderr().isEmpty()) {
      text.append("\n--- stderr ---\n").append(result.stderr());
    }
    return text.toString();
  }
}
