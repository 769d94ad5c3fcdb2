package io.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;
import io.switchboard.sandbox.DockerSandbox;
import io.switchboard.sandbox.SandboxRequest;
import io.switchboard.sandbox.SandboxSettings;
import io.switchboard.testing.FakeOpenAi;
import io.switchboard.testing.FakeToolApi;
import io.switchboard.testing.RealInfrastructure;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark harness: one run measures (a) RabbitMQ PerfTest persistent throughput, (b) Switchboard end-to-end
 * throughput through the HTTP API, (c) its latency at a fixed rate, (d) 10,000 concurrent conversations against a slow
 * model, and (e) start-up time in embedded mode. Switchboard runs as the packaged jar in its own JVM, against the same
 * RabbitMQ (and PostgreSQL) the tests use; the fake model runs here. See docs/benchmarks.md.
 *
 * <p>Run: {@code ./mvnw -Pbench -DskipTests verify}. Results go to {@code target/benchmark-results.md}.
 */
public final class Benchmark {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String JAVA = ProcessHandle.current().info().command().orElse("java");
  static final Path JAR = Path.of("target/switchboard.jar").toAbsolutePath();
  static final Path WORK = Path.of("target/bench").toAbsolutePath();
  static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 20));
  static final int CLIENTS = Integer.getInteger("bench.clients", 64);
  static final int RATE = Integer.getInteger("bench.rate", 500);
  /** A rate below the measured capacity, to show the latency Switchboard adds when it keeps up. */
  static final int SUSTAINABLE_RATE = Integer.getInteger("bench.sustainable-rate", 100);
  static final int CONVERSATIONS = Integer.getInteger("bench.conversations", 10_000);
  static final String HEAP = System.getProperty("bench.heap", "512m");
  /** Which parts to run, e.g. {@code -Dbench.only=bc}; all by default. */
  static final String ONLY = System.getProperty("bench.only", "abcdefgh");
  static final int FIRST_TOKEN_SAMPLES = Integer.getInteger("bench.first-token-samples", 200);
  static final int SANDBOX_RUNS = Integer.getInteger("bench.sandbox-runs", 50);
  static final int STEP_SAMPLES = Integer.getInteger("bench.step-samples", 300);

  final StringBuilder report = new StringBuilder();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  public static void main(String[] args) throws Exception {
    new Benchmark().run();
  }

  void run() throws Exception {
    Files.createDirectories(WORK);
    line("# Benchmark run " + Instant.now());
    line("");
    line("Machine: " + machine());
    line("");
    double perfTest = ONLY.contains("a") ? perfTest() : Double.NaN;
    try (FakeOpenAi model = new FakeOpenAi()) {
      RealInfrastructure.freshVirtualHost();
      String db = RealInfrastructure.freshSchema();
      try (Server server = Server.start("rabbitmq", model, Map.of(
          "SWITCHBOARD_BROKER_URL", RealInfrastructure.brokerUrl(),
          "SWITCHBOARD_DB_URL", db,
          "SWITCHBOARD_DB_USERNAME", RealInfrastructure.POSTGRES_USER))) {
        if (ONLY.contains("b")) {
          double throughput = throughput(server);
          line(String.format("- (b) / (a) = %.2f (target >= 0.33)", throughput / perfTest));
        }
        if (ONLY.contains("c")) {
          latency(server, RATE, Duration.ofSeconds(10));
          latency(server, SUSTAINABLE_RATE, Duration.ofSeconds(20));
        }
        if (ONLY.contains("d")) {
          concurrency(server);
        }
      } finally {
        RealInfrastructure.dropSchema(db);
      }
      if (ONLY.contains("e")) {
        startup(model);
      }
      if (ONLY.contains("f")) {
        toolSteps(model);
      }
      if (ONLY.contains("g")) {
        sandboxRuns();
      }
      if (ONLY.contains("h")) {
        firstToken(model);
      }
    }
    Path out = Path.of("target/benchmark-results.md");
    Files.writeString(out, report);
    System.out.println("\nWritten to " + out.toAbsolutePath());
  }

  // (a) ------------------------------------------------------------------------------------------------------------

  double perfTest() throws Exception {
    List<String> command = List.of(JAVA, "-cp", System.getProperty("java.class.path"), "com.rabbitmq.perf.PerfTest",
        "-h", RealInfrastructure.brokerUrl(), "-x", "1", "-y", "1", "-f", "persistent", "-c", "100", "-q", "100",
        "-s", "1000", "-z", String.valueOf(MEASURE.toSeconds()), "-u", "bench.perf-test", "-ad", "false");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor(MEASURE.toSeconds() + 60, TimeUnit.SECONDS);
    Matcher sending = Pattern.compile("sending rate avg: (\\d+)").matcher(output);
    Matcher receiving = Pattern.compile("receiving rate avg: (\\d+)").matcher(output);
    Matcher latency = Pattern.compile("consumer latency min/median/75th/95th/99th (\\S+)/(\\S+)/(\\S+)/(\\S+)/(\\S+) (\\S+)").matcher(output);
    if (!sending.find() || !receiving.find()) {
      throw new IllegalStateException("PerfTest output not understood:\n" + output);
    }
    double rate = Double.parseDouble(receiving.group(1));
    line("## (a) RabbitMQ PerfTest, same broker");
    line("");
    line("`PerfTest -x 1 -y 1 -f persistent -c 100 -q 100 -s 1000 -z " + MEASURE.toSeconds() + "` (1 KB, confirms, manual acks):");
    line("- sending " + sending.group(1) + " msg/s, receiving " + receiving.group(1) + " msg/s");
    if (latency.find()) {
      line("- consumer latency p50 " + latency.group(2) + ", p99 " + latency.group(5) + " " + latency.group(6));
    }
    line("");
    return rate;
  }

  // (b) ------------------------------------------------------------------------------------------------------------

  double throughput(Server server) throws Exception {
    List<String> sessions = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      sessions.add(server.newSession("bench-" + i));
    }
    AtomicLong done = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicBoolean counting = new AtomicBoolean(false);
    AtomicBoolean running = new AtomicBoolean(true);
    try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      for (String session : sessions) {
        clients.execute(() -> {
          while (running.get()) {
            boolean ok = server.say(session, "throughput") == 200;
            if (counting.get()) {
              (ok ? done : failed).incrementAndGet();
            }
          }
        });
      }
      Thread.sleep(5_000); // warm-up
      counting.set(true);
      long start = System.nanoTime();
      Thread.sleep(MEASURE.toMillis());
      counting.set(false);
      double seconds = (System.nanoTime() - start) / 1e9;
      running.set(false);
      double rate = done.get() / seconds;
      line("## (b) Switchboard end to end, HTTP API, zero-latency model");
      line("");
      line(CLIENTS + " clients, each with its own session, sending as fast as replies come back, for " + MEASURE.toSeconds()
          + " s after a 5 s warm-up. Each message: HTTP → sb.ingress → ingress → sb.pipeline.N → dedupe, history, model,"
          + " record (PostgreSQL) → sb.egress → HTTP reply. Persistent messages, publisher confirms, RabbitMQ quorum queues.");
      line(String.format("- **%.0f msg/s** (%d replies, %d failed)", rate, done.get(), failed.get()));
      return rate;
    }
  }

  // (c) ------------------------------------------------------------------------------------------------------------

  void latency(Server server, int rate, Duration duration) throws Exception {
    int total = (int) (rate * duration.toSeconds());
    long[] latencies = new long[total];
    AtomicLong failed = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    List<String> sessions = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      sessions.add(server.newSession("latency-" + i));
    }
    CountDownLatch finished = new CountDownLatch(total);
    long intervalNanos = 1_000_000_000L / rate;
    long start = System.nanoTime();
    try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < total; i++) {
        long due = start + i * intervalNanos;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        int n = i;
        senders.execute(() -> {
          long sent = System.nanoTime();
          int status = server.say(sessions.get(n % sessions.size()), "latency");
          latencies[n] = System.nanoTime() - sent;
          if (status == 503) {
            refused.incrementAndGet();
            latencies[n] = -1; // shed load: not a latency sample
          } else if (status != 200) {
            failed.incrementAndGet();
          }
          finished.countDown();
        });
      }
      finished.await(180, TimeUnit.SECONDS);
    }
    long[] answered = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
    line("");
    line("## (c) Latency at a fixed " + rate + " msg/s");
    line("");
    line(total + " requests over " + duration.toSeconds() + " s, spread over 200 sessions; the model answers at once, so the"
        + " round trip is what Switchboard adds (HTTP, two bus hops and a reply hop, the store). A request that gets no"
        + " reply within 60 s counts as failed with 60 s.");
    if (answered.length == 0) {
      line("- no request was answered; " + refused.get() + " refused with 503, " + failed.get() + " failed");
      return;
    }
    line(String.format("- p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (target p99 <= 40 ms); %d failed, %d refused with 503 (load shedding)",
        ms(answered, 0.50), ms(answered, 0.90), ms(answered, 0.99), answered[answered.length - 1] / 1e6, failed.get(), refused.get()));
  }

  // (g) ------------------------------------------------------------------------------------------------------------

  /**
   * The sandbox against a bare {@code docker run} of the same image and program: cold runs one after the other, then
   * runs per second with four at once (the sandbox's max-concurrent), each a new container.
   */
  void sandboxRuns() throws Exception {
    SandboxSettings.Profile python = new SandboxSettings.Profile("switchboard-sandbox:python", "python", "main.py", List.of("python3", "{file}"), null);
    DockerSandbox sandbox = new DockerSandbox(new SandboxSettings(null, 4, null, Map.of("python", python)));
    try {
      SandboxRequest print = new SandboxRequest("python", "print(1)", Map.of());
      List<String> bare = List.of("docker", "run", "--rm", "switchboard-sandbox:python", "python3", "-c", "print(1)");
      for (int i = 0; i < 5; i++) { // warm-up: the image's layers in the page cache, both paths' clients loaded
        sandbox.run(print);
        run(bare.toArray(String[]::new));
      }
      long[] sandboxed = new long[SANDBOX_RUNS];
      long[] plain = new long[SANDBOX_RUNS];
      for (int i = 0; i < SANDBOX_RUNS; i++) {
        long started = System.nanoTime();
        sandbox.run(print);
        sandboxed[i] = System.nanoTime() - started;
        started = System.nanoTime();
        run(bare.toArray(String[]::new));
        plain[i] = System.nanoTime() - started;
      }
      Arrays.sort(sandboxed);
      Arrays.sort(plain);
      double sandboxRate = runsPerSecond(() -> sandbox.run(print));
      double bareRate = runsPerSecond(() -> run(bare.toArray(String[]::new)));
      line("");
      line("## (g) Sandbox runs");
      line("");
      line("`print(1)` in `switchboard-sandbox:python`: " + SANDBOX_RUNS + " cold runs one after the other (a new container each),"
          + " the sandbox (docker-java, every limit, logs read, container removed) alternating with a bare"
          + " `docker run --rm` of the same image and program (the CLI, no limits); then 40 runs with 4 at once.");
      line(String.format("- sandbox: p50 %.0f ms, p99 %.0f ms; bare docker run: p50 %.0f ms, p99 %.0f ms; **p50 %+.0f %%** (target <= +20 %%)",
          ms(sandboxed, 0.50), ms(sandboxed, 0.99), ms(plain, 0.50), ms(plain, 0.99), 100 * (ms(sandboxed, 0.50) / ms(plain, 0.50) - 1)));
      line(String.format("- 4 at once: sandbox %.1f runs/s, bare docker run %.1f runs/s", sandboxRate, bareRate));
    } finally {
      sandbox.destroy();
    }
  }

  interface SandboxRun {
    void run() throws Exception;
  }

  /** 40 runs, 4 at a time. */
  static double runsPerSecond(SandboxRun run) throws Exception {
    long started = System.nanoTime();
    try (ExecutorService four = Executors.newFixedThreadPool(4)) {
      List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        runs.add(four.submit(() -> {
          run.run();
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> each : runs) {
        each.get();
      }
    }
    return 40 / ((System.nanoTime() - started) / 1e9);
  }

  // (f) ------------------------------------------------------------------------------------------------------------

  /**
   * The bus cost of one tool step: one client, one request at a time, plain turns and chains of one and three steps
   * interleaved, with a zero-latency model and tool. Each step is a tool.call.requested on sb.tools, the tool route,
   * a tool.call.completed back through sb.ingress and the conversation's shard, and the chain's rows in PostgreSQL.
   */
  void toolSteps(FakeOpenAi model) throws Exception {
    try (FakeToolApi tool = new FakeToolApi()) {
      RealInfrastructure.freshVirtualHost();
      String db = RealInfrastructure.freshSchema();
      try (Server server = Server.start("tools", model, Map.of(
          "SWITCHBOARD_BROKER_URL", RealInfrastructure.brokerUrl(),
          "SWITCHBOARD_DB_URL", db,
          "SWITCHBOARD_DB_USERNAME", RealInfrastructure.POSTGRES_USER,
          "SWITCHBOARD_AGENTS_DEFAULT_TOOLS", "ping",
          "SWITCHBOARD_TOOLS_HTTP_PING_URL", tool.url("/slow?ms=0"),
          "SWITCHBOARD_OUTBOUND_ALLOW", "127.0.0.1"))) {
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          sessions.add(server.newSession("steps-" + i));
        }
        String[] texts = {"plain", "one [[tools=ping{}]]", "three [[tools=ping{}|ping{}|ping{}]]"};
        long[][] samples = new long[3][STEP_SAMPLES];
        int failed = 0;
        for (int round = -50; round < STEP_SAMPLES; round++) { // 50 warm-up rounds
          for (int kind = 0; kind < 3; kind++) {
            long sent = System.nanoTime();
            int status = server.say(sessions.get(Math.floorMod(round * 3 + kind, sessions.size())), texts[kind]);
            long took = System.nanoTime() - sent;
            if (status != 200) {
              failed++;
              if (failed == 1) {
                System.err.println("(f) first failure: HTTP " + status + " for " + texts[kind]);
              }
            }
            if (round >= 0) {
              samples[kind][round] = took;
            }
          }
        }
        for (long[] kind : samples) {
          Arrays.sort(kind);
        }
        line("");
        line("## (f) Bus cost of a tool step");
        line("");
        line(STEP_SAMPLES + " rounds of three requests in turn from one client (a plain turn, a chain of one tool step, one of three),"
            + " after 50 warm-up rounds; zero-latency model and tool (an HTTP tool on loopback); RabbitMQ quorum queues,"
            + " PostgreSQL. A step adds a model call, a tool.call.requested on sb.tools, the tool route, and a"
            + " tool.call.completed straight to the conversation's shard, with the chain's rows stored.");
        String[] names = {"plain turn", "1 step", "3 steps"};
        for (int kind = 0; kind < 3; kind++) {
          line(String.format("- %s: p50 %.1f ms, p99 %.1f ms", names[kind], ms(samples[kind], 0.50), ms(samples[kind], 0.99)));
        }
        line(String.format("- **per step: p50 %.1f ms, p99 %.1f ms** (from 3 steps: (3 steps − plain) / 3; from 1 step: p50 %.1f ms)"
                + " (target p50 <= 5 ms); %d failed",
            (ms(samples[2], 0.50) - ms(samples[0], 0.50)) / 3, (ms(samples[2], 0.99) - ms(samples[0], 0.99)) / 3,
            ms(samples[1], 0.50) - ms(samples[0], 0.50), failed));
      } finally {
        RealInfrastructure.dropSchema(db);
      }
    }
  }

  // (h) ------------------------------------------------------------------------------------------------------------

  /**
   * Time to the first visible token through the bus: an API caller asking for server-sent events, a model that
   * streams a word every 20 ms; what Switchboard adds between the fake writing its first piece and the caller reading
   * the first partial (same JVM, same clock).
   */
  void firstToken(FakeOpenAi model) throws Exception {
    RealInfrastructure.freshVirtualHost();
    String db = RealInfrastructure.freshSchema();
    try (Server server = Server.start("first-token", model, Map.of(
        "SWITCHBOARD_BROKER_URL", RealInfrastructure.brokerUrl(),
        "SWITCHBOARD_DB_URL", db,
        "SWITCHBOARD_DB_USERNAME", RealInfrastructure.POSTGRES_USER))) {
      List<String> sessions = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        sessions.add(server.newSession("first-token-" + i));
      }
      long[] added = new long[FIRST_TOKEN_SAMPLES];
      long[] modelFirst = new long[FIRST_TOKEN_SAMPLES];
      int failed = 0;
      for (int round = -30; round < FIRST_TOKEN_SAMPLES; round++) { // 30 warm-up rounds
        String text = "first token " + round + " " + java.util.UUID.randomUUID() + " tell me about the harbour in ten words [[token-delay=20]]";
        long sent = System.nanoTime();
        long firstPartial = firstPartial(server, sessions.get(Math.floorMod(round, sessions.size())), text);
        Long written = model.firstTokenAt(text);
        if (firstPartial < 0 || written == null) {
          failed++;
          continue;
        }
        if (round >= 0) {
          added[round] = firstPartial - written;
          modelFirst[round] = written - sent;
        }
      }
      Arrays.sort(added);
      Arrays.sort(modelFirst);
      line("");
      line("## (h) Time to the first visible token");
      line("");
      line(FIRST_TOKEN_SAMPLES + " requests in turn from one client over 10 sessions (`POST …/messages` with"
          + " `Accept: text/event-stream`), after 30 warm-up requests; the fake model streams a word every 20 ms; RabbitMQ quorum"
          + " queues, PostgreSQL. Measured from the fake writing its first piece to the caller reading the first `partial`"
          + " event (the partial's way: runner → sb.egress → the instance's local queue → the waiting request).");
      line(String.format("- added by Switchboard: **p50 %.1f ms, p99 %.1f ms** (targets: <= 50 ms, p99 <= 150 ms); %d failed",
          ms(added, 0.50), ms(added, 0.99), failed));
      line(String.format("- the model's own first token, from the request: p50 %.1f ms, p99 %.1f ms (the pipeline before the model)",
          ms(modelFirst, 0.50), ms(modelFirst, 0.99)));
    } finally {
      RealInfrastructure.dropSchema(db);
    }
  }

  /** Posts asking for server-sent events; when (System.nanoTime) the first partial event was read, or -1. */
  long firstPartial(Server server, String session, String text) throws IOException, InterruptedException {
    HttpResponse<java.io.InputStream> response = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port + "/api/v1/sessions/" + session + "/messages"))
            .header("Content-Type", "application/json").header("Accept", "text/event-stream")
            .header("Authorization", "Bearer " + server.key).timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + text + "\"}")).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    long first = -1;
    try (java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (first < 0 && line.startsWith("event:partial")) {
          first = System.nanoTime();
        }
      }
    }
    return response.statusCode() == 200 ? first : -1;
  }

  // (d) ------------------------------------------------------------------------------------------------------------

  void concurrency(Server server) throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(RealInfrastructure.brokerUrl());
    try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
      String replies = channel.queueDeclare("bench.replies", false, true, true, Map.of()).getQueue();
      channel.queueBind(replies, "sb.egress", "bench.producer");
      CountDownLatch answered = new CountDownLatch(CONVERSATIONS);
      DeliverCallback onReply = (tag, delivery) -> answered.countDown();
      channel.basicConsume(replies, true, onReply, tag -> {});
      AtomicLong peakHeap = new AtomicLong();
      AtomicBoolean sampling = new AtomicBoolean(true);
      Thread sampler = Thread.ofVirtual().start(() -> {
        while (sampling.get()) {
          peakHeap.accumulateAndGet(server.heapUsed(), Math::max);
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      channel.confirmSelect();
      AMQP.BasicProperties persistent = new AMQP.BasicProperties.Builder().deliveryMode(2).contentType("application/cloudevents+json").build();
      long start = System.nanoTime();
      for (int i = 0; i < CONVERSATIONS; i++) {
        String chat = "c" + i;
        String event = """
            {"specversion":"1.0","type":"message.received","source":"/bench/producer","id":"%s","subject":"bench:producer:%s",
             "data":{"chat":{"type":"private","id":"%s"},"sender":{"id":"load"},"parts":[{"type":"text","text":"[[delay=2000]] hi"}]}}"""
            .formatted(UUID.randomUUID(), chat, chat);
        channel.basicPublish("sb.ingress", "message.received.bench.producer", persistent, event.getBytes(StandardCharsets.UTF_8));
      }
      channel.waitForConfirmsOrDie(60_000);
      double published = (System.nanoTime() - start) / 1e9;
      boolean all = answered.await(180, TimeUnit.SECONDS);
      double makespan = (System.nanoTime() - start) / 1e9;
      sampling.set(false);
      sampler.join();
      line("");
      line("## (d) " + CONVERSATIONS + " concurrent conversations, model takes 2 s");
      line("");
      line(CONVERSATIONS + " CloudEvents, one per conversation, published to sb.ingress with the plain AMQP client (confirmed"
          + String.format(" in %.1f s); the makespan runs until the last reply arrives on sb.egress. Server heap limited to -Xmx%s,", published, HEAP)
          + " sampled every 100 ms through /actuator/metrics.");
      line(String.format("- makespan **%.1f s** (target <= 4 s)%s; peak heap used **%d MB** (target <= 512 MB)",
          makespan, all ? "" : " — NOT ALL ANSWERED: " + answered.getCount() + " missing", peakHeap.get() >> 20));
    }
  }

  // (e) ------------------------------------------------------------------------------------------------------------

  void startup(FakeOpenAi model) throws Exception {
    line("");
    line("## (e) Start-up to ready, embedded mode (Qpid + H2, fresh data directory)");
    line("");
    line("From launching `java -jar` to `/readyz` (the readiness probe on the main port) answering UP (routes started, broker and database connected).");
    List<Double> plain = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      try (Server server = Server.start("startup-" + i, model, Map.of())) {
        plain.add(server.readySeconds);
      }
    }
    line(String.format("- plain jar: %s s", plain));
    if (Runtime.version().feature() >= 25) {
      Path extracted = WORK.resolve("extracted");
      run(JAVA, "-Djarmode=tools", "-jar", JAR.toString(), "extract", "--force", "--destination", extracted.toString());
      Path cache = WORK.resolve("switchboard.aot");
      Files.deleteIfExists(cache);
      Path extractedJar = extracted.resolve("switchboard.jar");
      try (Server training = Server.start("aot-training", model, Map.of(), extractedJar, "-XX:AOTCacheOutput=" + cache)) {
        String session = training.newSession("training");
        for (int i = 0; i < 20; i++) {
          training.say(session, "warm up " + i);
        }
      }
      List<Double> aot = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        try (Server server = Server.start("aot-" + i, model, Map.of(), extractedJar, "-XX:AOTCache=" + cache)) {
          aot.add(server.readySeconds);
        }
      }
      line(String.format("- extracted jar with a JDK %d AOT cache (training run: start, 20 messages, stop): %s s (target <= 8 s)",
          Runtime.version().feature(), aot));
    }
  }

  // ---- plumbing ----------------------------------------------------------------------------------------------------

  static final class Server implements AutoCloseable {
    final Process process;
    final int port;
    final int managementPort;
    final String key;
    final String operator;
    final double readySeconds;

    private Server(Process process, int port, int managementPort, String key, String operator, double readySeconds) {
      this.process = process;
      this.port = port;
      this.managementPort = managementPort;
      this.key = key;
      this.operator = operator;
      this.readySeconds = readySeconds;
    }

    static Server start(String name, FakeOpenAi model, Map<String, String> env) throws Exception {
      return start(name, model, env, JAR);
    }

    static Server start(String name, FakeOpenAi model, Map<String, String> env, Path jar, String... jvmOptions) throws Exception {
      Benchmark self = CURRENT;
      Path dir = WORK.resolve(name);
      deleteRecursively(dir);
      Files.createDirectories(dir);
      // the benchmark calls as a user would: with an API key, made by the CLI on the server's data
      String key = createUser(dir, jar, "bench", env);
      int managementPort;
      try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
        managementPort = free.getLocalPort();
      }
      List<String> command = new ArrayList<>(List.of(JAVA, "-Xmx" + HEAP));
      command.addAll(List.of(jvmOptions));
      command.addAll(List.of("-jar", jar.toString(), "serve", "--server.port=0", "--management.server.port=" + managementPort,
          "--logging.level.root=WARN"));
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
      builder.environment().keySet().removeIf(k -> k.startsWith("SWITCHBOARD_"));
      builder.environment().put("SWITCHBOARD_LLM_BASE_URL", model.baseUrl());
      builder.environment().put("SWITCHBOARD_LLM_API_KEY", "bench");
      builder.environment().putAll(env);
      builder.redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
      long launched = System.nanoTime();
      Process process = builder.start();
      Path marker = dir.resolve("data/serve.json");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      int port = -1;
      while (System.nanoTime() < deadline && process.isAlive()) {
        if (port < 0 && Files.exists(marker)) {
          port = JSON.readTree(marker.toFile()).path("port").asInt();
        }
        if (port > 0 && self.healthy(port)) {
          String operator = "Basic " + java.util.Base64.getEncoder().encodeToString(
              ("operator:" + Files.readString(dir.resolve("data/operator-password")).strip()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
          return new Server(process, port, managementPort, key, operator, Math.round((System.nanoTime() - launched) / 1e7) / 100.0);
        }
        Thread.sleep(20);
      }
      process.destroyForcibly();
      throw new IllegalStateException("server " + name + " did not become ready; see " + dir.resolve("server.log"));
    }

    /**
     * {@code switchboard user create NAME} in the server's directory, on the server's store (its environment): the key
     * is the last line of its output.
     */
    static String createUser(Path dir, Path jar, String name, Map<String, String> env) throws IOException, InterruptedException {
      ProcessBuilder builder = new ProcessBuilder(JAVA, "-jar", jar.toString(), "user", "create", name).directory(dir.toFile())
          .redirectError(dir.resolve("user.log").toFile());
      builder.environment().keySet().removeIf(k -> k.startsWith("SWITCHBOARD_"));
      builder.environment().putAll(env);
      Process create = builder.start();
      String out = new String(create.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
      if (!create.waitFor(120, TimeUnit.SECONDS) || create.exitValue() != 0) {
        throw new IllegalStateException("user create failed; see " + dir.resolve("user.log"));
      }
      return out.substring(out.lastIndexOf('\n') + 1);
    }

    /** A session of the benchmark's user (one user, many sessions: each is its own conversation). */
    String newSession(String label) throws IOException, InterruptedException {
      HttpResponse<String> response = CURRENT.post(port, key, "/api/v1/sessions", "{\"agent\":\"default\"}");
      return JSON.readTree(response.body()).path("id").asText();
    }

    int say(String session, String text) {
      try {
        return CURRENT.post(port, key, "/api/v1/sessions/" + session + "/messages", "{\"text\":\"" + text + "\"}").statusCode();
      } catch (IOException | InterruptedException e) {
        return -1;
      }
    }

    long heapUsed() {
      try {
        HttpResponse<String> response = CURRENT.http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/metrics/jvm.memory.used?tag=area:heap"))
                .header("Authorization", operator).build(),
            HttpResponse.BodyHandlers.ofString());
        JsonNode measurements = JSON.readTree(response.body()).path("measurements");
        return measurements.isEmpty() ? 0 : measurements.get(0).path("value").asLong();
      } catch (IOException | InterruptedException e) {
        return 0;
      }
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  static Benchmark CURRENT;

  Benchmark() {
    CURRENT = this;
  }

  boolean healthy(int port) {
    try {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().startsWith("{\"status\":\"UP\"");
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  HttpResponse<String> post(int port, String key, String path, String body) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + key)
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static double ms(long[] sorted, double quantile) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e6;
  }

  void line(String text) {
    System.out.println(text);
    report.append(text).append('\n');
  }

  static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
    }
  }

  static String machine() throws IOException {
    String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
        .filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
    long memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream()
        .filter(l -> l.startsWith("MemTotal")).findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
    return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + (memKb >> 20) + " GiB RAM, "
        + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", JDK " + Runtime.version()
        + ", harness JVM " + ManagementFactory.getRuntimeMXBean().getVmName();
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
