package io.switchboard.cli;

import io.switchboard.SwitchboardApplication;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code switchboard chat}: a conversation in the terminal, as platform {@code cli}, through the same bus and pipeline
 * as every platform. With a {@code serve} running on the same data directory it talks to that service through the
 * data directory's owner-only socket (never over HTTP, where nobody may claim to be the terminal); otherwise it starts
 * the bus and pipeline in this process. Reads lines from stdin, so it works with a pipe too.
 */
@Command(name = "chat", description = "Chat with the bot in the terminal (reads stdin; Ctrl-D or /exit ends).")
class ChatCommand implements Callable<Integer> {

  @Option(names = "--debug", description = "Show the prompt sent to the model with each reply.")
  boolean debug;

  @Option(names = "--user", description = "Your user id in this conversation (default: the OS user).")
  String user = System.getProperty("user.name", "local");

  @Option(names = "--stream", negatable = true,
      description = "Print the answer as it is written (default: in a terminal, not from a pipe).")
  Boolean stream;

  @Unmatched private String[] springArguments = new String[0];

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    String[] arguments = SpringArguments.checked(spec, springArguments);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Optional<RunningServe> serve = RunningServe.find(dataDir());
    if (serve.isPresent() && serve.get().socket() != null) {
      System.err.println("Talking to the Switchboard serving on port " + serve.get().port() + " (pid " + serve.get().pid() + ").");
      try (RemoteTerminal remote = new RemoteTerminal(serve.get().socket(), user)) {
        return converse(remote, out);
      }
    }
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(SwitchboardApplication.class)
            .web(WebApplicationType.NONE)
            .profiles("chat")
            .logStartupInfo(false)
            .run(arguments)) {
      return converse(context.getBean(TerminalConversation.class).open(user), out);
    }
  }

  private int converse(Terminal terminal, PrintStream out) throws Exception {
    boolean interactive = System.console() != null;
    if (interactive) {
      out.println("Switchboard chat as '" + user + "'. /help lists commands; Ctrl-D or /exit ends.");
    }
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    while (true) {
      if (interactive) {
        out.print("you> ");
        out.flush();
      }
      String line = in.readLine();
      if (line == null || line.strip().equals("/exit") || line.strip().equals("/quit")) {
        return 0;
      }
      if (line.isBlank()) {
        continue;
      }
      Terminal.Reply reply;
      TerminalPrinter printer = new TerminalPrinter(out, interactive ? "bot> " : "");
      boolean streamed = stream != null ? stream : interactive;
      try {
        reply = terminal.send(line, debug, streamed && !debug ? printer::partial : null);
      } catch (Exception e) {
        out.println("error: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        continue;
      }
      if (debug) {
        reply.prompt().forEach(p -> out.println("[prompt] " + p));
      }
      printer.answer(reply.text());
    }
  }

  private static Path dataDir() {
    return Path.of(ConfigView.load().get("switchboard.data-dir").orElse("./data"));
  }
}
