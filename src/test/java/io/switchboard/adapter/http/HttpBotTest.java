package io.switchboard.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.SwitchboardApplication;
import io.switchboard.testing.ApiClient;
import io.switchboard.testing.FakeCallback;
import io.switchboard.testing.FakeOpenAi;
import io.switchboard.testing.LoopbackServer;
import io.switchboard.testing.RealInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The generic HTTP bot end to end on RabbitMQ and PostgreSQL: a signed POST to /webhooks/ops goes through the bus and
 * the pipeline, and the reply is POSTed, signed, to a loopback callback receiver, through the bot's durable egress queue.
 */
@AutoConfigureObservability
@SpringBootTest(
    classes = SwitchboardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "switchboard.routes-dir=target/test-routes/http-bot",
      "camel.main.routes-reload-enabled=false",
      "switchboard.egress.redelivery-delay=200",
      // Spring Boot tests switch JMX off unless a test asks; the service has it on (application.properties)
      "spring.jmx.enabled=true"
    })
@DirtiesContext
class HttpBotTest {

  static final String SECRET = "test-secret-0123456789";
  static final FakeOpenAi MODEL = LoopbackServer.start(FakeOpenAi::new);
  static final FakeCallback CALLBACK = LoopbackServer.start(FakeCallback::new);
  private static String db;

  @LocalServerPort int port;

  @Autowired ApplicationContext applicationContext;
  final HttpClient http = HttpClient.newHttpClient();
  ApiClient api;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    db = RealInfrastructure.use(registry, "http-bot");
    registry.add("switchboard.llm.base-url", MODEL::baseUrl);
    // a list is bound from one property source as a whole, so the whole bot is defined here
    registry.add("switchboard.bots[0].id", () -> "ops");
    registry.add("switchboard.bots[0].adapter", () -> "http");
    registry.add("switchboard.bots[0].config.secret", () -> SECRET);
    registry.add("switchboard.bots[0].config.callback-url", CALLBACK::url);
    registry.add("switchboard.bots[0].config.max-per-chat-per-second", () -> "50");
  }

  @AfterAll
  static void cleanUp() throws Exception {
    RealInfrastructure.dropSchema(db);
  }

  @BeforeEach
  void client() {
    api = ApiClient.of(port, applicationContext);
    CALLBACK.rejecting(true);
  }

  @Test
  void aSignedMessageIsAnsweredAtTheCallbackSignedTheSameWay() throws Exception {
    String key = UUID.randomUUID().toString();
    HttpResponse<String> accepted = post(key, body("room-1", "hello " + key), now());
    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(accepted.body()).contains("\"id\":\"" + key + "\"");

    FakeCallback.Attempt reply = await().atMost(Duration.ofSeconds(20)).until(() -> first(CALLBACK.deliveredFor(key)), r -> r != null);
    assertThat(reply.body().path("text").asText()).isEqualTo("echo: hello " + key);
    assertThat(reply.body().path("chat").asText()).isEqualTo("room-1");
    assertThat(reply.body().path("inReplyTo").asText()).isEqualTo(key);
    assertThat(reply.idempotencyKey()).isEqualTo(reply.body().path("id").asText());
    assertThat(reply.signature()).isEqualTo(HttpSignature.sign(SECRET, reply.timestamp(), reply.rawBody()));
  }

  @Test
  void forgedStaleOrUnkeyedRequestsAreRefusedAndNothingIsPublished() throws Exception {
    String forged = "forged " + UUID.randomUUID();
    HttpResponse<String> badSignature = send(UUID.randomUUID().toString(), body("room-2", forged), now(), "v1=" + "0".repeat(64));
    assertThat(badSignature.statusCode()).isEqualTo(401);
    assertThat(badSignature.body()).contains("the signature does not match");

    String stale = "stale " + UUID.randomUUID();
    HttpResponse<String> old = post(UUID.randomUUID().toString(), body("room-2", stale), String.valueOf(Instant.now().getEpochSecond() - 600));
    assertThat(old.statusCode()).isEqualTo(401);
    assertThat(old.body()).contains("stale");

    assertThat(post(null, body("room-2", "no key"), now()).statusCode()).isEqualTo(400);
    assertThat(post(UUID.randomUUID().toString(), "{\"chat\":\"room-2\"}", now()).body()).contains("'text' is required");

    // a valid message after them in the same chat is answered: had the refused ones been published, they would be too
    String valid = "valid " + UUID.randomUUID();
    post(UUID.randomUUID().toString(), body("room-2", valid), now());
    await().atMost(Duration.ofSeconds(20)).until(() -> !CALLBACK.deliveredFor(valid).isEmpty());
    assertThat(MODEL.requestsFor(forged)).isEmpty();
    assertThat(MODEL.requestsFor(stale)).isEmpty();
  }

  @Test
  void aRetriedWebhookIsAnsweredOnce() throws Exception {
    String key = UUID.randomUUID().toString();
    String text = "retried " + key;
    assertThat(post(key, body("room-3", text), now()).statusCode()).isEqualTo(202);
    assertThat(post(key, body("room-3", text), now()).statusCode()).isEqualTo(202);
    String after = "after " + key;
    post(UUID.randomUUID().toString(), body("room-3", after), now());
    await().atMost(Duration.ofSeconds(20)).until(() -> !CALLBACK.deliveredFor(after).isEmpty());
    assertThat(CALLBACK.deliveredFor(text)).hasSize(1);
    assertThat(MODEL.requestsFor(text)).hasSize(1);
  }

  @Test
  void a429IsRetriedAfterItsRetryAfterThenDelivered() throws Exception {
    String marker = "slow " + UUID.randomUUID() + " [[429]]";
    post(UUID.randomUUID().toString(), body("room-4", marker), now());
    await().atMost(Duration.ofSeconds(30)).until(() -> !CALLBACK.deliveredFor(marker).isEmpty());
    List<FakeCallback.Attempt> attempts = CALLBACK.attemptsFor(marker);
    assertThat(attempts).extracting(FakeCallback.Attempt::answered).containsExactly(429, 200);
    assertThat(attempts.get(1).idempotencyKey()).isEqualTo(attempts.get(0).idempotencyKey());
    assertThat(api.getText("/actuator/prometheus")).contains("switchboard_egress_retried_total{platform=\"http\"}");
  }

  @Test
  void aPermanentErrorIsDeadLetteredWithThePlatformsTextAndCanBeReplayed() throws Exception {
    String marker = "lost " + UUID.randomUUID() + " [[reject]]";
    post(UUID.randomUUID().toString(), body("room-5", marker), now());
    JsonNode letter = await().atMost(Duration.ofSeconds(30)).until(() -> api.deadLetterFor(marker), l -> l != null);
    assertThat(letter.path("reason").asText()).contains("400").contains("chat not found");
    assertThat(letter.path("failedIn").asText()).isEqualTo("http-sink-ops");
    assertThat(letter.path("sourceExchange").asText()).isEqualTo("sb.egress");
    assertThat(CALLBACK.attemptsFor(marker)).hasSize(1); // permanent: no retries

    // replayed from Hawtio: its JMX operation, over Jolokia
    CALLBACK.rejecting(false);
    String replayed =
        api.postRaw(
                "/actuator/jolokia",
                "{\"type\":\"exec\",\"mbean\":\"io.switchboard:type=DeadLetters\",\"operation\":\"replay\",\"arguments\":[\""
                    + letter.path("id").asText() + "\",false]}")
            .body()
            .toString();
    assertThat(replayed).contains("\"value\":\"replayed ");
    await().atMost(Duration.ofSeconds(30)).until(() -> CALLBACK.deliveredFor(marker).size() == 1);
    assertThat(MODEL.requestsFor(marker)).hasSize(1); // the reply was resent, not the question re-asked
  }

  // ---- helpers ----


  HttpResponse<String> post(String key, String body, String timestamp) throws IOException, InterruptedException {
    return send(key, body, timestamp, HttpSignature.sign(SECRET, timestamp, body));
  }

  HttpResponse<String> send(String key, String body, String timestamp, String signature) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/ops"))
            .header("Content-Type", "application/json")
            .header(HttpSignature.TIMESTAMP_HEADER, timestamp)
            .header(HttpSignature.SIGNATURE_HEADER, signature)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String body(String chat, String text) {
    return "{\"chat\":\"" + chat + "\",\"user\":{\"id\":\"u1\",\"name\":\"Ann\"},\"text\":\"" + text + "\"}";
  }

  static String now() {
    return String.valueOf(Instant.now().getEpochSecond());
  }

  static <T> T first(List<T> list) {
    return list.isEmpty() ? null : list.get(0);
  }

}
