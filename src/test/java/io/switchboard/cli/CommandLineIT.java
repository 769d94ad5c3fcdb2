package io.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.testing.FakeOpenAi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, run as a user runs it: {@code java -jar target/switchboard.jar ...} in a working directory. */
class CommandLineIT {

  record Run(int exitCode, String stdout, String stderr) {}

  static final Path JAR = Path.of("target/switchboard.jar").toAbsolutePath();
  static final String JAVA = ProcessHandle.current().info().command().orElse("java");

  @TempDir Path workDir;

  @BeforeEach
  void jarIsBuilt() {
    assertThat(JAR).exists();
  }

  @Test
  void initWritesACommentedFileAndRefusesToOverwriteIt() throws Exception {
    Run first = run(Map.of(), "", "init", "--silence");
    assertThat(first.exitCode()).isZero();
    String yaml = Files.readString(workDir.resolve("switchboard.yaml"));
    assertThat(yaml).contains("# Switchboard configuration").contains("history-size: 5").contains("base-url: \"\"");

    Run again = run(Map.of(), "", "init", "--silence");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.stderr()).contains("already exists").contains("--overwrite");

    // interactive, answers from a pipe
    Run interactive = run(Map.of(), "http://127.0.0.1:11434/v1\n\nllama3\n", "init", "--overwrite");
    assertThat(interactive.exitCode()).isZero();
    assertThat(Files.readString(workDir.resolve("switchboard.yaml")))
        .contains("base-url: \"http://127.0.0.1:11434/v1\"")
        .contains("model: \"llama3\"");
  }

  @Test
  void configMergesTheFileAndTheEnvironmentWithSecretsMasked() throws Exception {
    Files.writeString(
        workDir.resolve("switchboard.yaml"),
        "switchboard:\n  llm:\n    model: from-file\n    api-key: sk-file-secret-123456\n    history-size: 3\n");
    Run fromFile = run(Map.of(), "", "config", "-k", "switchboard.llm.model");
    assertThat(fromFile.stdout().strip()).isEqualTo("from-file");

    Run fromEnv = run(Map.of("SWITCHBOARD_LLM_MODEL", "from-env"), "", "config", "-k", "switchboard.llm.model");
    assertThat(fromEnv.stdout().strip()).isEqualTo("from-env");

    Run all = run(Map.of(), "", "config");
    assertThat(all.stdout())
        .contains("switchboard.llm.history-size = 3")
        .contains("switchboard.llm.api-key = ****3456")
        .doesNotContain("sk-file-secret-123456")
        .contains("switchboard.broker.url = ");
  }

  @Test
  void chatWorksFromAPipeThroughTheBusAndPipeline() throws Exception {
    try (FakeOpenAi model = new FakeOpenAi()) {
      Run chat = run(Map.of("SWITCHBOARD_LLM_BASE_URL", model.baseUrl()), "hello terminal\n/whoami\n", "chat", "--debug");
      assertThat(chat.exitCode()).isZero();
      assertThat(chat.stdout())
          .contains("[prompt] system: You are a helpful assistant.")
          .contains("[prompt] user: hello terminal")
          .contains("echo: hello terminal")
          .contains("platform: cli");
      assertThat(model.requestsFor("hello terminal")).hasSize(1);

      // a second run continues the same conversation: the model sees the first turn
      Run again = run(Map.of("SWITCHBOARD_LLM_BASE_URL", model.baseUrl()), "and again\n", "chat");
      assertThat(again.stdout()).contains("echo: and again");
      assertThat(model.requestsFor("and again").get(0).contents()).contains("hello terminal", "echo: hello terminal");
      assertThat(model.requestsFor("and again").get(0).stream()).as("from a pipe, the answer comes whole").isFalse();

      // --stream prints the answer as the model writes it: the same line, the model asked to stream
      Run streamed = run(Map.of("SWITCHBOARD_LLM_BASE_URL", model.baseUrl()), "streamed in several words\n", "chat", "--stream");
      assertThat(streamed.stdout().lines().filter(l -> l.contains("streamed in"))).containsExactly("echo: streamed in several words");
      assertThat(model.requestsFor("streamed in several words").get(0).stream()).isTrue();
    }
  }

  @Test
  void chatTalksToTheServeRunningOnTheSameDataDirectory() throws Exception {
    try (FakeOpenAi model = new FakeOpenAi()) {
      Map<String, String> env = Map.of("SWITCHBOARD_LLM_BASE_URL", model.baseUrl());
      Process serve = start(env, "serve", "--server.port=0", "--management.server.port=0");
      try {
        Path marker = workDir.resolve("data/serve.json");
        await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(marker) || !serve.isAlive());
        assertThat(serve.isAlive()).as("serve is running").isTrue();
        int port = Integer.parseInt(Files.readString(marker).replaceAll(".*\"port\":(\\d+).*", "$1"));

        // the terminal joins the service through the data directory's socket, as platform cli, in one conversation
        Run chat = run(env, "through the service\n", "chat");
        assertThat(chat.exitCode()).isZero();
        assertThat(chat.stderr()).contains("Talking to the Switchboard serving on port " + port);
        assertThat(chat.stdout()).contains("echo: through the service");
        Run again = run(env, "/whoami\nand again\n", "chat");
        assertThat(again.stdout()).contains("platform: cli").contains("echo: and again");
        // through the service's socket too, the answer printed as it is written
        Run streamed = run(env, "streamed through the service\n", "chat", "--stream");
        assertThat(streamed.stdout().lines().filter(l -> l.contains("streamed through"))).containsExactly("echo: streamed through the service");
        assertThat(model.requestsFor("streamed through the service").get(0).stream()).isTrue();
        assertThat(model.requestsFor("and again").get(0).contents()).contains("through the service", "echo: through the service");
        assertThat(workDir.resolve("data/run")).isDirectory();
        assertThat(Files.getPosixFilePermissions(workDir.resolve("data/run"))).containsExactlyInAnyOrder(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

        // the start-up output holds a one-time login link for the web chat, used up by its first use
        String link = await().atMost(Duration.ofSeconds(30)).until(() -> loginLink(Files.readString(workDir.resolve("serve.out"))), l -> l != null);
        assertThat(link).startsWith("http://localhost:" + port + "/?token=sbl_");
        HttpResponse<String> first = get(link.replace("localhost", "127.0.0.1"), null);
        assertThat(first.statusCode()).isEqualTo(303);
        assertThat(first.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).contains("HttpOnly").contains("SameSite=Strict"));
        assertThat(get(link.replace("localhost", "127.0.0.1"), null).headers().firstValue("Location")).hasValue("/#login-link-used-or-expired");
        Run login = run(env, "", "login");
        assertThat(login.stdout().strip()).startsWith("http://localhost:" + port + "/?token=sbl_");

        // a user made by the CLI while the service runs has an API key that works at once; nobody reaches cli over HTTP
        Run user = run(env, "", "user", "create", "alice");
        assertThat(user.exitCode()).as(user.stderr()).isZero();
        String key = user.stdout().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(key).startsWith("sbk_");
        HttpResponse<String> asCli = post(port, "/api/v1/sessions", key, "{\"platform\":\"cli\",\"userId\":\"alice\"}");
        assertThat(asCli.statusCode()).as(asCli.body()).isEqualTo(400);
        assertThat(get("http://127.0.0.1:" + port + "/api/v1/sessions?platform=cli&userId=" + System.getProperty("user.name"), key).statusCode())
            .isEqualTo(403);
        assertThat(post(port, "/api/v1/sessions", key, "{}").statusCode()).isEqualTo(201);
        assertThat(run(env, "", "user", "revoke", "alice").exitCode()).isZero();
        assertThat(post(port, "/api/v1/sessions", key, "{}").statusCode()).isEqualTo(401);

        // a producer token made by the CLI while the service runs on the same (embedded H2) data is accepted at once
        Run created = run(env, "", "token", "create", "live", "--scopes", "topic:*");
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        String token = created.stdout().strip();
        assertThat(token).startsWith("sbp_");
        HttpResponse<String> accepted = post(port, "/api/v1/events", token, "{\"topic\":\"deploys\",\"text\":\"shipped\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(run(env, "", "token", "revoke", "live").exitCode()).isZero();
        assertThat(post(port, "/api/v1/events", token, "{\"topic\":\"deploys\",\"text\":\"again\"}").statusCode()).isEqualTo(401);
      } finally {
        serve.destroy();
        serve.waitFor(60, TimeUnit.SECONDS);
        serve.destroyForcibly();
      }
      assertThat(workDir.resolve("data/serve.json")).doesNotExist();
      assertThat(workDir.resolve("data/run/terminal.sock")).doesNotExist();
    }
  }

  @Test
  void sandboxBuildKeepsTheImagesThatAreThereAndRefusesAnUnknownProfile() throws Exception {
    // .ci/run built them already: building again changes nothing
    Run build = run(Map.of(), "", "sandbox", "build");
    assertThat(build.exitCode()).as(build.stderr()).isZero();
    assertThat(build.stdout()).contains("switchboard-sandbox:python: present").contains("switchboard-sandbox:shell: present");
    Run unknown = run(Map.of(), "", "sandbox", "build", "cobol");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.stderr()).contains("unknown profile: cobol");
  }

  @Test
  void anUnknownSubcommandOrOptionPrintsTheUsageAndStartsNothing() throws Exception {
    Run unknown = run(Map.of(), "", "frobnicate");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.stderr()).contains("Unmatched argument at index 0: 'frobnicate'").contains("Usage: switchboard");
    assertThat(unknown.stdout()).doesNotContain("Tomcat");
    Run badOption = run(Map.of(), "", "serve", "--frobnicate");
    assertThat(badOption.exitCode()).isEqualTo(2);
    assertThat(badOption.stderr()).contains("Unknown option or argument: '--frobnicate'").contains("Usage: switchboard serve");
    assertThat(run(Map.of(), "", "user", "create").exitCode()).isEqualTo(2);
    assertThat(workDir.resolve("data/serve.json")).doesNotExist();
  }

  @Test
  void usersAreManagedWithoutARunningService() throws Exception {
    Run created = run(Map.of(), "", "user", "create", "bob", "--admin");
    assertThat(created.exitCode()).as(created.stderr()).isZero();
    List<String> lines = created.stdout().strip().lines().toList();
    assertThat(lines.get(lines.size() - 1)).startsWith("sbk_").hasSizeGreaterThan(40);
    assertThat(created.stderr()).contains("(admin)").contains("not shown again");
    assertThat(run(Map.of(), "", "user", "create", "bob").stderr()).contains("exists already");
    Run rotated = run(Map.of(), "", "user", "rotate", "bob");
    assertThat(rotated.stdout().strip()).startsWith("sbk_").isNotEqualTo(lines.get(lines.size() - 1));
    assertThat(run(Map.of(), "", "user", "list").stdout()).contains("bob\tadmin").doesNotContain("sbk_");
    assertThat(run(Map.of(), "", "user", "revoke", "bob").exitCode()).isZero();
    assertThat(run(Map.of(), "", "user", "list").stdout()).contains("revoked");
    // secrets the data directory holds are the owner's alone
    assertThat(Files.getPosixFilePermissions(workDir.resolve("data/h2/password")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void producerTokensAreManagedWithoutARunningService() throws Exception {
    Run created = run(Map.of(), "", "token", "create", "ci", "--scopes", "topic:build-*,notify:telegram:*:*");
    assertThat(created.exitCode()).as(created.stderr()).isZero();
    assertThat(created.stdout().strip()).startsWith("sbp_").hasSizeGreaterThan(40);
    assertThat(created.stderr()).contains("not shown again");
    assertThat(run(Map.of(), "", "token", "create", "ci").stderr()).contains("exists already");
    assertThat(run(Map.of(), "", "token", "create", "bad", "--scopes", "root").stderr()).contains("unknown scope 'root'");
    Run list = run(Map.of(), "", "token", "list");
    assertThat(list.stdout()).contains("ci\ttopic:build-*,notify:telegram:*:*").doesNotContain("sbp_");
    assertThat(run(Map.of(), "", "token", "revoke", "ci").exitCode()).isZero();
    assertThat(run(Map.of(), "", "token", "list").stdout()).contains("revoked");
  }

  private static HttpResponse<String> post(int port, String path, String bearer, String body) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String url, String bearer) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String loginLink(String output) {
    return output.lines().filter(l -> l.contains("Web chat: ")).map(l -> l.substring(l.indexOf("http"))).findFirst().orElse(null);
  }

  private Process start(Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("SWITCHBOARD_"));
    builder.environment().putAll(env);
    builder.redirectErrorStream(false);
    builder.redirectOutput(workDir.resolve("serve.out").toFile());
    builder.redirectError(workDir.resolve("serve.err").toFile());
    return builder.start();
  }

  private Run run(Map<String, String> env, String stdin, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("SWITCHBOARD_"));
    builder.environment().putAll(env);
    Path out = Files.createTempFile(workDir, "out", ".txt");
    Path err = Files.createTempFile(workDir, "err", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("timed out: " + String.join(" ", args) + "\n" + Files.readString(err));
    }
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }
}
