package io.switchboard.security;

import io.switchboard.SwitchboardApplication;
import io.switchboard.adapter.http.HttpSignature;
import io.switchboard.testing.ApiClient;
import io.switchboard.testing.FakeCallback;
import io.switchboard.testing.FakeFeeds;
import io.switchboard.testing.FakeOpenAi;
import io.switchboard.testing.LoopbackServer;
import io.switchboard.testing.TestData;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One running Switchboard, on its defaults (embedded broker, H2, a generated operator password, nothing allowed
 * outbound but one fake feed server's port), that the attack tests of this package share: an HTTP bot {@code hb}
 * whose admin on its platform is {@code root}, a fake model, a fake callback and fake feeds on loopback. Every attack
 * test ends by checking the application is still healthy.
 */
@AutoConfigureObservability
@SpringBootTest(
    classes = SwitchboardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "switchboard.routes-dir=target/test-routes/security",
      "camel.main.routes-reload-enabled=false",
      "switchboard.pipeline.max-redeliveries=0",
      "switchboard.pipeline.redelivery-delay=10",
      "switchboard.egress.redelivery-delay=100",
      "switchboard.keys.secret=test-secret-for-user-keys",
      "switchboard.access.admins.http=root",
      "switchboard.feeds.min-interval=1s",
      "spring.jmx.enabled=true",
      // this context stays cached while other test contexts with JMX start: its Spring MBeans get names of their own
      "spring.jmx.unique-names=true"
    })
abstract class SecurityTestContext {

  static final String SECRET = "security-test-secret-0123456789";
  static final String BOT = "hb";
  static final FakeOpenAi MODEL = LoopbackServer.start(FakeOpenAi::new);
  static final FakeCallback CALLBACK = LoopbackServer.start(FakeCallback::new);
  static final FakeFeeds FEEDS = LoopbackServer.start(FakeFeeds::new);
  static Path dataDir;

  @LocalServerPort int port;
  @Autowired ApplicationContext applicationContext;
  @Autowired JdbcClient jdbc;
  final HttpClient http = HttpClient.newHttpClient();
  ApiClient api;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    dataDir = TestData.freshDataDirectory(registry, "security");
    registry.add("switchboard.llm.base-url", MODEL::baseUrl);
    registry.add("switchboard.bots[0].id", () -> BOT);
    registry.add("switchboard.bots[0].adapter", () -> "http");
    registry.add("switchboard.bots[0].config.secret", () -> SECRET);
    registry.add("switchboard.bots[0].config.callback-url", CALLBACK::url);
    registry.add("switchboard.bots[0].config.max-per-chat-per-second", () -> "50");
    // exactly one loopback host:port may be fetched: the fake feed server (for the redirect attack)
    registry.add("switchboard.outbound.allow", () -> "127.0.0.1:" + URI.create(FEEDS.url("/")).getPort());
  }

  @BeforeEach
  void client() {
    api = ApiClient.of(port, applicationContext);
    CALLBACK.rejecting(false);
    MODEL.failing(false);
  }

  /** A message to the HTTP bot, signed as its platform would sign it. */
  HttpResponse<String> webhook(String chat, String user, String text) throws IOException, InterruptedException {
    String body = "{\"chat\":\"" + chat + "\",\"user\":{\"id\":\"" + user + "\"},\"text\":\"" + text.replace("\"", "\\\"") + "\"}";
    return signedWebhook(body, String.valueOf(Instant.now().getEpochSecond()));
  }

  HttpResponse<String> signedWebhook(String body, String timestamp) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(base() + "/webhooks/" + BOT))
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .header(HttpSignature.TIMESTAMP_HEADER, timestamp)
        .header(HttpSignature.SIGNATURE_HEADER, HttpSignature.sign(SECRET, timestamp, body))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The texts the bot answered into a chat, as its callback received them. */
  List<String> repliesIn(String chat) {
    return CALLBACK.attempts().stream().filter(a -> a.answered() == 200 && chat.equals(a.body().path("chat").asText()))
        .map(a -> a.body().path("text").asText()).toList();
  }

  /** What the history of a conversation holds. */
  List<String> history(String conversationKey) {
    return jdbc.sql("SELECT m.text FROM messages m JOIN sessions s ON s.id = m.session_id WHERE s.conversation_key = ? ORDER BY m.id")
        .param(conversationKey).query(String.class).list();
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  /** The application still answers: health UP, and a user's message is answered by the model. */
  void stillHealthy() {
    org.assertj.core.api.Assertions.assertThat(api.get("/actuator/health").body().path("status").asText()).isEqualTo("UP");
    String session = api.newSession("healthy-" + UUID.randomUUID().toString().substring(0, 8));
    org.assertj.core.api.Assertions.assertThat(api.say(session, "still there?").body().path("text").asText()).isEqualTo("echo: still there?");
  }

  /**
   * Whether a port of this machine answers on one of its addresses other than loopback, i.e. from the network.
   * (On a machine with no other address there is no network to reach it from.)
   */
  static boolean reachableFromAnotherAddress(int port) throws IOException {
    Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
        .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()).findFirst();
    org.junit.jupiter.api.Assumptions.assumeTrue(external.isPresent(), "this machine has no address besides loopback");
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(external.get(), port), 2000);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  static String tag() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
