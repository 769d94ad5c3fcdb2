package io.switchboard.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
    if (!silence) {
      ask(answers);
    }
    Files.writeString(file, render(answers), StandardCharsets.UTF_8);
    System.out.println("Wrote " + file.toAbsolutePath() + ". Run `switchboard serve` or `switchboard chat`.");
    return 0;
  }

  private static void ask(Map<String, String> answers) throws IOException {
    PrintStream out = System.out;
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
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
    out.println();
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
