package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Too big, too long, malformed, stale: refused before it costs memory, the model or the log, and answered in words. */
@ExtendWith(OutputCaptureExtension.class)
class InputSizeAttacksTest extends SecurityTestContext {

  @Test
  void bodiesOverTheLimitAreRefusedBeforeTheyAreRead() throws Exception {
    String twoMegabytes = "{\"chat\":\"big\",\"text\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
    HttpResponse<String> declared = http.send(HttpRequest.newBuilder(URI.create(base() + "/webhooks/hb"))
        .POST(HttpRequest.BodyPublishers.ofString(twoMegabytes)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(declared.body()).isEqualTo("{\"status\":413,\"error\":\"the request body is over 1048576 bytes\"}");
    // chunked: no Content-Length to refuse on, so it is read up to the limit and no further
    HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(URI.create(base() + "/webhooks/hb"))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(twoMegabytes.getBytes(StandardCharsets.UTF_8)))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(chunked.statusCode()).isEqualTo(413);
    HttpResponse<String> api300k = api.raw(HttpRequest.newBuilder(api.uri("/api/v1/sessions")).header("Authorization", "Bearer " + api.keyOf("bulky"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"agent\":\"" + "a".repeat(300 * 1024) + "\"}")));
    assertThat(api300k.statusCode()).isEqualTo(413);
    assertThat(api300k.body()).contains("262144 bytes");
    stillHealthy();
  }

  @Test
  void parallelHugeUploadsDoNotExhaustTheHeap() throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(20);
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        answers.add(clients.submit(hugeUpload(40 * 1024 * 1024)));
      }
      for (Future<String> answer : answers) {
        assertThat(answer.get()).startsWith("HTTP/1.1 413");
      }
    } finally {
      clients.shutdownNow();
    }
    stillHealthy();
  }

  @Test
  void aSignedMessageOverTheTextLimitIsAnsweredWithTheLimitAndNeverReachesTheModelOrTheHistory() throws Exception {
    String chat = "long-" + tag();
    String marker = tag();
    HttpResponse<String> accepted = webhook(chat, "u1", marker + "y".repeat(20_000));
    assertThat(accepted.statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> !repliesIn(chat).isEmpty());
    assertThat(repliesIn(chat).get(0)).contains("20008 characters").contains("the limit is 16000");
    assertThat(MODEL.requestsFor(marker)).isEmpty();
    assertThat(history("http:hb:" + chat)).isEmpty();
  }

  @Test
  void overLongFieldsAndMalformedBodiesAre400sNever5xx() throws Exception {
    var agent = api.as("fields").post("/api/v1/sessions", Map.of("agent", "a".repeat(5000)));
    assertThat(agent.status()).isEqualTo(400);
    var target = api.post("/api/v1/subscriptions", Map.of("source", "topic:x", "target", "http:hb:" + "c".repeat(5000)));
    assertThat(target.status()).isEqualTo(400);
    assertThat(target.body().path("error").asText()).contains("longer than 512");
    String now = String.valueOf(Instant.now().getEpochSecond());
    for (String body : List.of("", "null", "[1,2,3]", "{\"chat\":{},\"text\":\"x\"}", "{\"chat\":\"" + "c".repeat(5000) + "\",\"text\":\"x\"}",
        "{\"chat\":\"c\",\"text\":\"x\",\"chatType\":[]}", "{\"chat\":\"c\",\"text\":\"x\",\"user\":\"not an object\"}", "\u0000\u0001garbage")) {
      HttpResponse<String> answer = signedWebhook(body, now);
      assertThat(answer.statusCode()).as(body.length() > 60 ? body.substring(0, 60) : body).isBetween(400, 499);
      assertThat(answer.body()).startsWith("{\"status\":4").doesNotContain("Exception");
    }
  }

  @Test
  void aSignedRequestOlderThanFiveMinutesIsRefused() throws Exception {
    String body = "{\"chat\":\"old\",\"user\":{\"id\":\"u1\"},\"text\":\"replayed\"}";
    HttpResponse<String> stale = signedWebhook(body, String.valueOf(Instant.now().minusSeconds(301).getEpochSecond()));
    assertThat(stale.statusCode()).isEqualTo(401);
    assertThat(stale.body()).contains("more than 5 minutes");
  }

  @Test
  void aThousandBadRequestsWriteAtMostALineEachToTheLog(CapturedOutput output) throws Exception {
    int before = output.getAll().split("\n").length;
    String key = api.keyOf("noisy");
    String now = String.valueOf(Instant.now().getEpochSecond());
    List<Supplier<HttpRequest>> bad = List.of(
        () -> HttpRequest.newBuilder(api.uri("/api/v1/sessions")).GET().build(),
        () -> HttpRequest.newBuilder(api.uri("/api/v1/sessions")).header("Authorization", "Bearer sbk_wrong").GET().build(),
        () -> HttpRequest.newBuilder(api.uri("/api/v1/sessions")).header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"agent\": ")).build(),
        () -> HttpRequest.newBuilder(api.uri("/api/v1/sessions")).header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"agent\":\"" + "a".repeat(1000) + "\"}")).build(),
        () -> HttpRequest.newBuilder(URI.create(base() + "/webhooks/hb")).header("X-Switchboard-Timestamp", now)
            .header("X-Switchboard-Signature", "v1=" + "0".repeat(64)).POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    for (int i = 0; i < 1000; i++) {
      int status = http.send(bad.get(i % bad.size()).get(), HttpResponse.BodyHandlers.discarding()).statusCode();
      assertThat(status).isBetween(400, 499);
    }
    int after = output.getAll().split("\n").length;
    assertThat(after - before).isLessThanOrEqualTo(1000);
    stillHealthy();
  }

  /** A client that declares a huge body, sends the start of it, and reads the status line. */
  private Callable<String> hugeUpload(int bytes) {
    return () -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /webhooks/hb HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " + bytes + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        try {
          out.write(new byte[64 * 1024]);
          out.flush();
        } catch (IOException closedEarly) {
          // the server may answer and close before the client finished writing: that is the point
        }
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
      }
    };
  }
}
