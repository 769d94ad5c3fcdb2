package io.switchboard.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.switchboard.bot.AdapterManifest;
import io.switchboard.bot.AdapterManifests;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard init}: writes a commented {@code switchboard.yaml} in the working directory. */
@Command(name = "init", description = "Write a commented switchboard.yaml here (asks for the main settings unless --silence).")
class InitCommand implements Callable<Integer> {

  @Option(names = "--silence", description = "Do not ask; write the defaults.")
  boolean silence;

  @Option(names = "--overwrite", description = "Replace an existing switchboard.yaml.")
  boolean overwrite;

  /** The questions asked, in order: key, question, default. */
  private static final String[][] QUESTIONS = {
    {"llm.base-url", "Model endpoint (OpenAI-compatible base URL; empty = no model yet)", ""},
    {"llm.api-key", "API key for that endpoint (empty for none)", ""},
    {"llm.model", "Model name", "gpt-4o-mini"},
    {"broker.url", "RabbitMQ URI, e.g. amqp://guest:guest@127.0.0.1:5672 (empty = embedded broker)", ""},
    {"db.url", "PostgreSQL JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/switchboard (empty = embedded H2)", ""},
  };

  @Override
  public Integer call() throws IOException {
    Path file = ConfigView.FILE;
    if (Files.exists(file) && !overwrite) {
      System.err.println(file.toAbsolutePath() + " already exists; use --overwrite to replace it.");
      return 1;
    }
    Map<String, String> answers = new LinkedHashMap<>();
    for (String[] q : QUESTIONS) {
      answers.put(q[0], q[2]);
    }
    AdapterManifests manifests = new AdapterManifests();
    List<BotAnswer> bots = new ArrayList<>();
    if (!silence) {
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      ask(in, answers);
      askBots(in, manifests, bots);
    }
    Files.writeString(file, render(answers) + renderBots(bots, manifests), StandardCharsets.UTF_8);
    System.out.println("Wrote " + file.toAbsolutePath() + ". Run `switchboard serve` or `switchboard chat`.");
    return 0;
  }

  /** A bot the user described: its adapter, id, mode and the fields they filled in. */
  record BotAnswer(String adapter, String id, String mode, Map<String, String> config) {}

  private static void ask(BufferedReader in, Map<String, String> answers) throws IOException {
    PrintStream out = System.out;
    for (String[] q : QUESTIONS) {
      out.print(q[1] + (q[2].isEmpty() ? "" : " [" + q[2] + "]") + ": ");
      out.flush();
      String line = in.readLine();
      if (line == null) {
        break; // end of input: keep the defaults for the rest
      }
      if (!line.isBlank()) {
        answers.put(q[0], line.strip());
      }
    }
  }

  /** Offers the adapters' fields from their manifests; secrets default to an environment placeholder. */
  private static void askBots(BufferedReader in, AdapterManifests manifests, List<BotAnswer> bots) throws IOException {
    PrintStream out = System.out;
    List<String> adapters = manifests.all().stream().map(AdapterManifest::adapter).toList();
    while (true) {
      out.print("Add a bot? adapter " + adapters + " (empty: no more bots): ");
      out.flush();
      String adapter = line(in);
      if (adapter == null || adapter.isBlank()) {
        break;
      }
      AdapterManifest manifest = manifests.find(adapter.strip()).orElse(null);
      if (manifest == null) {
        out.println("No adapter '" + adapter.strip() + "'.");
        continue;
      }
      String id = answer(in, out, "  bot id", manifest.adapter() + "-main");
      String mode = manifest.modes().size() == 1 ? manifest.modes().get(0) : answer(in, out, "  mode " + manifest.modes(), manifest.modes().get(0));
      Map<String, String> config = new LinkedHashMap<>();
      for (AdapterManifest.Field field : manifest.fields()) {
        if (!field.requiredIn(mode)) {
          continue;
        }
        String fallback = field.secret() ? "${" + ConfigView.envName(id + "." + field.name()) + "}" : "";
        config.put(field.name(), answer(in, out, "  " + field.name() + " (" + field.description() + ")", fallback));
      }
      bots.add(new BotAnswer(manifest.adapter(), id, mode, config));
    }
    out.println();
  }

  private static String answer(BufferedReader in, PrintStream out, String question, String fallback) throws IOException {
    out.print(question + (fallback.isEmpty() ? "" : " [" + fallback + "]") + ": ");
    out.flush();
    String line = line(in);
    return line == null || line.isBlank() ? fallback : line.strip();
  }

  private static String line(BufferedReader in) throws IOException {
    return in.readLine();
  }

  /** The bots section: the user's bots, or commented examples of every adapter with its fields. */
  static String renderBots(List<BotAnswer> bots, AdapterManifests manifests) {
    StringBuilder yaml = new StringBuilder("\n  # Chat platforms: each bot is an instance of an adapter (adapters/<platform>/README.md).\n");
    if (!bots.isEmpty()) {
      yaml.append("  bots:\n");
      for (BotAnswer bot : bots) {
        yaml.append("    - id: ").append(bot.id()).append("\n");
        yaml.append("      adapter: ").append(bot.adapter()).append("\n");
        yaml.append("      mode: ").append(bot.mode()).append("\n");
        yaml.append("      config:\n");
        bot.config().forEach((k, v) -> yaml.append("        ").append(k).append(": ").append(yaml(v)).append("\n"));
      }
      return yaml.toString();
    }
    yaml.append("  # bots:\n");
    for (AdapterManifest manifest : manifests.all()) {
      yaml.append("  #   - id: ").append(manifest.adapter()).append("-main\n");
      yaml.append("  #     adapter: ").append(manifest.adapter()).append("\n");
      yaml.append("  #     mode: ").append(manifest.modes().get(0)).append("   # ").append(String.join(" | ", manifest.modes())).append("\n");
      yaml.append("  #     config:\n");
      for (AdapterManifest.Field field : manifest.fields()) {
        String value = field.secret() ? "${" + ConfigView.envName(manifest.adapter() + "." + field.name()) + "}" : field.defaultValue() == null ? "" : field.defaultValue();
        String need = field.required() ? "required" : field.requiredIn() != null && !field.requiredIn().isEmpty() ? "required in " + field.requiredIn() : "optional";
        yaml.append("  #       ").append(field.name()).append(": ").append(value).append("   # ").append(need).append(": ").append(field.description()).append("\n");
      }
    }
    return yaml.toString();
  }

  static String render(Map<String, String> a) {
    return """
        # Switchboard configuration. Every key can also be set in the environment, which wins:
        # switchboard.llm.api-key is SWITCHBOARD_LLM_API_KEY. Values may use placeholders: ${OPENAI_API_KEY}.
        # `switchboard config` prints the merged result with secrets masked.
        switchboard:
          # Files of the embedded broker and database.
          data-dir: ./data
          # Extra or overriding Camel YAML routes, hot-reloaded (see docs/routes.md).
          routes-dir: ./routes

          llm:
            # Any OpenAI-compatible endpoint: https://api.openai.com/v1, https://api.deepseek.com/v1,
            # https://dashscope.aliyuncs.com/compatible-mode/v1, http://127.0.0.1:11434/v1 (Ollama), a vLLM server...
            base-url: %s
            api-key: %s
            model: %s
            temperature: 0.7
            # Rounds (a message and its reply) of history sent to the model.
            history-size: 5
            system-prompt: You are a helpful assistant.

          broker:
            # Empty: an embedded AMQP broker (Qpid) in this process. Otherwise RabbitMQ: amqp://user:pass@host:5672/vhost
            url: %s

          db:
            # Empty: an embedded H2 database under data-dir. Otherwise PostgreSQL.
            url: %s
            username:
            password:
        """
        .formatted(
            yaml(a.get("llm.base-url")), yaml(a.get("llm.api-key")), yaml(a.get("llm.model")), yaml(a.get("broker.url")), yaml(a.get("db.url")));
  }

  /** A YAML scalar: quoted so that URLs, keys with ':' or '#' and empty values stay strings. */
  private static String yaml(String value) {
    return value == null || value.isEmpty() ? "\"\"" : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
