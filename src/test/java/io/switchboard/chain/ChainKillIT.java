package io.switchboard.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.switchboard.testing.FakeOpenAi;
import io.switchboard.testing.FakeToolApi;
import io.switchboard.testing.LoopbackServer;
import io.switchboard.testing.RealInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} in the middle of a chain, with the packaged jar on RabbitMQ and PostgreSQL: the instance dies while
 * the model works on the chain's second step (the first call's result stored, its completion unacknowledged); a new
 * instance takes the completion over, asks the model again, runs the second call and answers. The first call is not
 * run again and nothing of the chain is lost. And a sandbox run whose instance dies is started on the next instance
 * once more, and after a second death not again: the user is told and the run is dead-lettered with the reason.
 */
class ChainKillIT {

  static final Path JAR = Path.of("target/switchboard.jar").toAbsolutePath();
  static final String JAVA = ProcessHandle.current().info().command().orElse("java");
  static final FakeOpenAi MODEL = LoopbackServer.start(FakeOpenAi::new);
  static final FakeToolApi TOOL_API = LoopbackServer.start(FakeToolApi::new);
  static final ObjectMapper JSON = new ObjectMapper();
  static String db;

  @TempDir Path workDir;

  @BeforeAll
  static void infrastructure() throws Exception {
    RealInfrastructure.freshVirtualHost();
    db = RealInfrastructure.freshSchema();
  }

  @AfterAll
  static void stop() throws Exception {
    MODEL.close();
    TOOL_API.close();
    RealInfrastructure.dropSchema(db);
  }

  @Test
  void aChainKilledBetweenStepsIsFinishedByAnotherInstanceWithoutRepeatingACall() throws Exception {
    assertThat(JAR).exists();
    String key = createUser("kim");
    // every model call of this chain takes 2 s: long enough to kill the instance while it asks for the second step
    String text = "kill9 [[delay=2000]] [[tools=weather{\"city\":\"Paris\"}|weather{\"city\":\"Oslo\"}]]";

    Process first = serve("first");
    String session;
    try {
      int port = portOf("first", first);
      session = JSON.readTree(send(port, "POST", "/api/v1/sessions", key, "{}").body()).path("id").asText();
      HttpClient.newHttpClient().sendAsync(request(port, "POST", "/api/v1/sessions/" + session + "/messages", key, "{\"text\":" + JSON.writeValueAsString(text) + "}"),
          HttpResponse.BodyHandlers.ofString()); // its caller loses the answer with the instance; the history keeps it
      await().atMost(Duration.ofSeconds(60)).until(() -> MODEL.requestsFor("kill9").size() == 2);
      assertThat(weatherCalls()).containsExactly("/weather/Paris");
    } finally {
      first.destroyForcibly(); // SIGKILL: no shutdown hook, no ack, no graceful stop
      first.waitFor(30, TimeUnit.SECONDS);
    }

    Process second = serve("second");
    try {
      portOf("second", second);
      await().atMost(Duration.ofSeconds(120)).until(() -> roles(session).contains("assistant"));
      assertThat(roles(session)).containsExactly("user", "tool_call", "tool_result", "tool_call", "tool_result", "assistant");
      assertThat(texts(session).get(5)).startsWith("tools said: ").contains("sunny, 21 C", "snow, -3 C");
      // Paris ran once, before the kill; the step the model was on when the instance died was asked again
      assertThat(weatherCalls()).containsExactly("/weather/Paris", "/weather/Oslo");
      assertThat(MODEL.requestsFor("kill9")).hasSize(4);
    } finally {
      second.destroy();
      second.waitFor(60, TimeUnit.SECONDS);
      second.destroyForcibly();
    }
  }

  @Test
  void aSandboxRunWhoseInstanceDiesIsStartedOnceMoreElsewhereThenDeadLetteredWithItsReason() throws Exception {
    assertThat(JAR).exists();
    String key = createUser("sam", "--admin");
    String code = "/run python\nimport time\ntime.sleep(600)";
    String session;
    try (DockerClient docker = docker()) {
      // first instance: the run starts, and the instance dies with it
      Process first = serve("run-first");
      try {
        int port = portOf("run-first", first);
        session = JSON.readTree(send(port, "POST", "/api/v1/sessions", key, "{}").body()).path("id").asText();
        HttpClient.newHttpClient().sendAsync(request(port, "POST", "/api/v1/sessions/" + session + "/messages", key,
            "{\"text\":" + JSON.writeValueAsString(code) + "}"), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(60)).until(() -> sandboxContainers(docker) == 1);
      } finally {
        first.destroyForcibly();
        first.waitFor(30, TimeUnit.SECONDS);
      }
      // second instance: the run comes back from sb.sandbox and starts a second time; this instance dies too
      Process second = serve("run-second");
      try {
        portOf("run-second", second);
        await().atMost(Duration.ofSeconds(60)).until(() -> sandboxContainers(docker) == 2);
      } finally {
        second.destroyForcibly();
        second.waitFor(30, TimeUnit.SECONDS);
      }
      // third instance: two starts were the limit; the user is told, the run is dead-lettered, and no third container made
      Process third = serve("run-third");
      try {
        portOf("run-third", third);
        await().atMost(Duration.ofSeconds(60)).until(() -> roles(session).contains("assistant"));
        assertThat(texts(session).get(texts(session).size() - 1))
            .isEqualTo("error: the call of run_code was started 2 times and its instance stopped each time; it is not run again");
        assertThat(deadLetters("tool-calls")).singleElement().asString()
            .contains("the call of run_code was started 2 times").contains("sb.tools sandbox");
        assertThat(sandboxContainers(docker)).isEqualTo(2);
      } finally {
        third.destroy();
        third.waitFor(60, TimeUnit.SECONDS);
        third.destroyForcibly();
        // the two runs' containers, whose instances died before removing them (the leftover sweep would, a minute
        // after their time limit)
        docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of("io.switchboard.sandbox.run")).exec()
            .forEach(container -> docker.removeContainerCmd(container.getId()).withForce(true).exec());
      }
    }
  }

  private static DockerClient docker() {
    var config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost("unix:///var/run/docker.sock")
        .withApiVersion(RemoteApiVersion.UNKNOWN_VERSION).build();
    return DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build());
  }

  private static int sandboxContainers(DockerClient docker) {
    return docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of("io.switchboard.sandbox.run")).exec().size();
  }

  private static List<String> deadLetters(String failedIn) throws Exception {
    try (var connection = DriverManager.getConnection(db, RealInfrastructure.POSTGRES_USER, "")) {
      var query = connection.prepareStatement("SELECT reason, source_exchange, routing_key FROM dead_letters WHERE failed_in = ?");
      query.setString(1, failedIn);
      List<String> letters = new ArrayList<>();
      try (var rows = query.executeQuery()) {
        while (rows.next()) {
          letters.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3));
        }
      }
      return letters;
    }
  }

  private static List<String> weatherCalls() {
    return TOOL_API.requests().stream().filter(r -> r.startsWith("/weather/")).toList();
  }

  private Map<String, String> environment() {
    return Map.of(
        "SWITCHBOARD_BROKER_URL", RealInfrastructure.brokerUrl(),
        "SWITCHBOARD_DB_URL", db,
        "SWITCHBOARD_DB_USERNAME", RealInfrastructure.POSTGRES_USER,
        "SWITCHBOARD_LLM_BASE_URL", MODEL.baseUrl());
  }

  private Process serve(String name) throws IOException {
    Path dir = Files.createDirectories(workDir.resolve(name));
    List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString(), "serve", "--server.port=0", "--management.server.port=0",
        "--switchboard.agents.default.tools=weather",
        "--switchboard.tools.http.weather.url=" + TOOL_API.url("/weather/{city}"),
        "--switchboard.tools.http.weather.parameters.type=object",
        "--switchboard.tools.http.weather.parameters.properties.city.type=string",
        "--switchboard.outbound.allow=127.0.0.1"));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("SWITCHBOARD_"));
    builder.environment().putAll(environment());
    builder.redirectOutput(dir.resolve("serve.out").toFile()).redirectError(dir.resolve("serve.err").toFile());
    return builder.start();
  }

  private int portOf(String name, Process process) throws IOException {
    Path marker = workDir.resolve(name).resolve("data/serve.json");
    await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(marker) || !process.isAlive());
    assertThat(process.isAlive()).as(Files.readString(workDir.resolve(name).resolve("serve.err"))).isTrue();
    return Integer.parseInt(Files.readString(marker).replaceAll(".*\"port\":(\\d+).*", "$1"));
  }

  private String createUser(String name, String... options) throws Exception {
    Path dir = Files.createDirectories(workDir.resolve("cli"));
    List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString(), "user", "create", name));
    command.addAll(List.of(options));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("SWITCHBOARD_"));
    builder.environment().putAll(environment());
    builder.redirectError(dir.resolve("user.err").toFile());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(Files.readString(dir.resolve("user.err"))).isZero();
    return out.strip().lines().reduce((a, b) -> b).orElseThrow();
  }

  private static HttpRequest request(int port, String method, String path, String key, String body) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static HttpResponse<String> send(int port, String method, String path, String key, String body) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(request(port, method, path, key, body), HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> roles(String session) throws Exception {
    return column(session, "role");
  }

  private static List<String> texts(String session) throws Exception {
    return column(session, "text");
  }

  private static List<String> column(String session, String column) throws Exception {
    try (var connection = DriverManager.getConnection(db, RealInfrastructure.POSTGRES_USER, "")) {
      var query = connection.prepareStatement("SELECT " + column + " FROM messages WHERE session_id = ? ORDER BY id");
      query.setString(1, session);
      List<String> values = new ArrayList<>();
      try (var rows = query.executeQuery()) {
        while (rows.next()) {
          values.add(rows.getString(1));
        }
      }
      return values;
    }
  }
}
