package io.switchboard.spine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.channel.LocalConversations;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.security.WebLogins;
import io.switchboard.testing.ApiClient;
import io.switchboard.testing.WebChat;
import io.switchboard.testing.RawAmqp;
import io.switchboard.testing.FakeOpenAi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.context.ApplicationContext;

/**
 * The spine end to end, over real connections: HTTP API → sb.ingress → ingress → sb.pipeline.N → pipeline (dedupe,
 * conversation, runner against a loopback fake model) → sb.egress → back to the waiting caller. Subclasses choose the
 * infrastructure: embedded Qpid + H2, or real RabbitMQ + PostgreSQL.
 */
abstract class SpineEndToEndTests {

  static final FakeOpenAi MODEL = startModel();

  @LocalServerPort int port;

  @Autowired ApplicationContext applicationContext;
  @Autowired LocalConversations conversations;
  @Autowired ConnectionFactory connectionFactory;
  @Autowired JdbcClient jdbc;
  ApiClient api;

  static void commonProperties(DynamicPropertyRegistry registry) {
    registry.add("switchboard.llm.base-url", MODEL::baseUrl);
    registry.add("switchboard.llm.api-key", () -> "test-key");
    registry.add("switchboard.llm.model", () -> "fake-model");
    registry.add("switchboard.llm.history-size", () -> "2");
    registry.add("switchboard.pipeline.max-redeliveries", () -> "2");
    registry.add("switchboard.pipeline.redelivery-delay", () -> "10");
    registry.add("switchboard.api.reply-timeout", () -> "30s");
    registry.add("switchboard.llm.timeout", () -> "2s");
    registry.add("switchboard.streaming.interval", () -> "0ms"); // every piece the model writes is a partial reply
  }

  @BeforeEach
  void client() {
    api = ApiClient.of(port, applicationContext);
    MODEL.failing(true);
  }

  @Test
  void multiTurnHistoryReachesTheModelAndIsTrimmedToHistorySize() {
    String session = api.newSession("alice");
    String tag = UUID.randomUUID().toString().substring(0, 8);

    ApiClient.Response first = api.say(session, tag + " one");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body().path("text").asText()).isEqualTo("echo: " + tag + " one");
    api.say(session, tag + " two");
    api.say(session, tag + " three");
    api.say(session, tag + " four");

    // the second request carries the first turn
    assertThat(MODEL.requestsFor(tag + " two").get(0).contents())
        .containsSubsequence(tag + " one", "echo: " + tag + " one", tag + " two");
    // history-size 2: the fourth request carries rounds two and three, not one
    List<String> fourth = MODEL.requestsFor(tag + " four").get(0).contents();
    assertThat(fourth).containsSubsequence(tag + " two", "echo: " + tag + " two", tag + " three", "echo: " + tag + " three", tag + " four");
    assertThat(fourth).doesNotContain(tag + " one");
    assertThat(fourth.get(0)).isEqualTo("You are a helpful assistant.");

    // the history, oldest first, with the token usage of each reply
    JsonNode history = api.get("/api/v1/sessions/" + session + "/messages").body();
    assertThat(history).hasSize(8);
    assertThat(history.get(0).path("role").asText()).isEqualTo("user");
    assertThat(history.get(1).path("text").asText()).isEqualTo("echo: " + tag + " one");
    assertThat(history.get(1).path("promptTokens").asInt()).isEqualTo(20);
    assertThat(history.get(1).path("completionTokens").asInt()).isEqualTo(7);

    JsonNode totals = api.get("/api/v1/sessions/" + session).body().path("usage");
    // prompts of 2, 4, 6, 6 messages at 10 tokens each; 7 completion tokens per reply
    assertThat(totals.path("promptTokens").asLong()).isEqualTo(180);
    assertThat(totals.path("completionTokens").asLong()).isEqualTo(28);
    assertThat(totals.path("totalTokens").asLong()).isEqualTo(208);
  }

  @Test
  void anApiCallerAskingForServerSentEventsWatchesTheAnswerBeingWrittenThenGetsTheReplyOnce() {
    String session = api.newSession("stella");
    String tag = UUID.randomUUID().toString().substring(0, 8);
    List<ApiClient.Event> events = api.sayStreaming(session, tag + " tell me about the harbour in five words");

    String answer = "echo: " + tag + " tell me about the harbour in five words";
    List<ApiClient.Event> partials = events.stream().filter(e -> e.name().equals("partial")).toList();
    assertThat(partials.size()).isGreaterThanOrEqualTo(2);
    // each partial is the text so far: it grows, and the answer starts with it; their ids (sequences) rise
    for (int i = 0; i < partials.size(); i++) {
      String text = partials.get(i).data().path("text").asText();
      assertThat(answer).startsWith(text);
      if (i > 0) {
        assertThat(text.length()).isGreaterThan(partials.get(i - 1).data().path("text").asText().length());
        assertThat(Long.parseLong(partials.get(i).id())).isGreaterThan(Long.parseLong(partials.get(i - 1).id()));
      }
    }
    // one reply, last, the same as the plain call's, naming the stream it ends
    assertThat(events.get(events.size() - 1).name()).isEqualTo("reply");
    assertThat(events.stream().filter(e -> e.name().equals("reply"))).hasSize(1);
    JsonNode reply = events.get(events.size() - 1).data();
    assertThat(reply.path("text").asText()).isEqualTo(answer);
    assertThat(reply.path("usage").path("completionTokens").asInt()).isEqualTo(7);
    // the model was asked once, streaming; the history has the whole answer once
    assertThat(MODEL.requestsFor(tag)).hasSize(1);
    List<String> history = new ArrayList<>();
    api.get("/api/v1/sessions/" + session + "/messages").body().forEach(m -> history.add(m.path("text").asText()));
    assertThat(history).containsExactly(tag + " tell me about the harbour in five words", answer);
    // the plain call is unchanged: one JSON answer
    assertThat(api.say(session, tag + " again").body().path("text").asText()).isEqualTo("echo: " + tag + " again");
    // another user cannot watch, nor post into, this session's answers
    ApiClient other = api.as("mallory-" + tag);
    var refused = other.raw(java.net.http.HttpRequest.newBuilder(other.uri("/api/v1/sessions/" + session + "/messages"))
        .header("Authorization", "Bearer " + other.keyOf("mallory-" + tag)).header("Content-Type", "application/json")
        .header("Accept", "text/event-stream").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"text\":\"peek\"}")));
    assertThat(refused.statusCode()).isEqualTo(404);
    assertThat(MODEL.requestsFor("peek")).isEmpty();
  }

  @Test
  void theWebChatIsSentTheAnswerAsItIsWrittenThenTheReplyThatEndsIt() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    try (WebChat web = WebChat.open(port, applicationContext.getBean(WebLogins.class), "wren", "chat-" + tag, null)) {
      web.awaitFrame("history", 0, frame -> true);
      int before = web.received();
      web.send(Map.of("text", tag + " write slowly for me"));
      JsonNode reply = web.awaitFrame("reply", before, frame -> frame.path("text").asText().contains(tag));
      List<JsonNode> partials = web.frames(before).stream().filter(frame -> frame.path("type").asText().equals("partial")).toList();
      assertThat(partials).isNotEmpty();
      assertThat(partials).allSatisfy(partial -> {
        assertThat(partial.path("stream").asText()).isEqualTo(reply.path("stream").asText());
        assertThat(reply.path("text").asText()).startsWith(partial.path("text").asText());
      });
      // nothing of the stream comes after the reply that ends it
      assertThat(web.frames(before).get(web.frames(before).size() - 1).path("type").asText()).isIn("reply", "accepted");
    }
  }

  @Test
  void sessionsAreListedPerUser() {
    String user = "lister-" + UUID.randomUUID();
    String a = api.newSession(user);
    String b = api.newSession(user);
    JsonNode sessions = api.as(user).get("/api/v1/sessions?userId=" + user).body();
    assertThat(sessions.findValuesAsText("id")).containsExactly(a, b);
    assertThat(api.as(user).get("/api/v1/sessions").body().findValuesAsText("id")).containsExactly(a, b);
  }

  @Test
  void badInputGetsA4xxWithAReason() {
    String session = api.newSession("bob");
    assertThat(api.say("no-such-session", "hi").status()).isEqualTo(404);
    assertThat(api.say("no-such-session", "hi").body().path("error").asText()).contains("not found");
    ApiClient.Response empty = api.say(session, "  ");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.body().path("error").asText()).isEqualTo("text must not be empty");
    ApiClient.Response malformed = api.postRaw("/api/v1/sessions/" + session + "/messages", "{\"text\": ");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.body().path("error").asText()).contains("not valid JSON");
    assertThat(api.post("/api/v1/sessions", Map.of("agent", "x".repeat(300))).status()).isEqualTo(400);
    ApiClient.Response tooLong = api.say(session, "x".repeat(16_001));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.body().path("error").asText()).contains("16001 characters; the limit is 16000");
    assertThat(api.get("/api/v1/sessions/no-such-session/messages").status()).isEqualTo(404);
  }

  @Test
  void commandsAnswerWithoutTheModel() {
    String session = api.newSession("carol");
    int before = MODEL.requests().size();
    assertThat(api.say(session, "/whoami").body().path("text").asText()).contains("user: carol").contains("platform: api");
    assertThat(api.say(session, "/help").body().path("text").asText()).contains("/reset");
    assertThat(MODEL.requests()).hasSize(before);
  }

  @Test
  void resetStartsAFreshConversationForTheModel() {
    String session = api.newSession("dave");
    String tag = UUID.randomUUID().toString().substring(0, 8);
    api.say(session, tag + " before");
    assertThat(api.say(session, "/reset").body().path("text").asText()).contains("fresh conversation");
    api.say(session, tag + " after");
    assertThat(MODEL.requestsFor(tag + " after").get(0).contents()).doesNotContain(tag + " before");
    assertThat(api.get("/api/v1/sessions/" + session + "/messages").body()).hasSize(6);
  }

  @Test
  void debugAttachesThePromptSentToTheModelForAdminsOnly() {
    String user = api.newSession("ed");
    assertThat(api.post("/api/v1/sessions/" + user + "/messages", Map.of("text", "show me too", "debug", true)).body().has("prompt")).isFalse();
    api.makeAdmin("erin");
    String session = api.newSession("erin");
    JsonNode reply = api.post("/api/v1/sessions/" + session + "/messages", Map.of("text", "show me", "debug", true)).body();
    assertThat(reply.path("prompt")).hasSize(2);
    assertThat(reply.path("prompt").get(0).asText()).isEqualTo("system: You are a helpful assistant.");
    assertThat(reply.path("prompt").get(1).asText()).isEqualTo("user: show me");
  }

  @Test
  void aFailingModelIsRetriedThenTheUserIsToldAndTheEventDeadLetteredForReplay() {
    String session = api.newSession("frank");
    String tag = UUID.randomUUID().toString().substring(0, 8);

    ApiClient.Response reply = api.say(session, tag + " [[fail]]");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().path("error").asBoolean()).isTrue();
    // a generic, translated reason: the exception's text stays in the dead letter
    assertThat(reply.body().path("text").asText()).contains("the model did not answer").contains("try again")
        .doesNotContain("Exception").doesNotContain("fake model failure");
    // one call and two redeliveries
    assertThat(MODEL.requestsFor(tag)).hasSize(3);

    JsonNode letter = await().atMost(Duration.ofSeconds(20)).until(() -> api.deadLetterFor(tag), l -> l != null);
    assertThat(letter.path("reason").asText()).contains("InternalServerException").contains("fake model failure");
    assertThat(letter.path("failedIn").asText()).isEqualTo("turn"); // the route whose dispatch step called the runner

    // the model recovers; the replayed event is processed as new and answered into the history
    MODEL.failing(false);
    assertThat(api.post("/api/v1/dead-letters/" + letter.path("id").asText() + "/replay", Map.of()).status()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(api.get("/api/v1/sessions/" + session + "/messages").body().findValuesAsText("text"))
                .containsExactly(tag + " [[fail]]", "echo: " + tag + " [[fail]]"));
  }

  @Test
  void aModelThatTimesOutIsRetriedThenTheUserIsTold() {
    String session = api.newSession("gina");
    String tag = UUID.randomUUID().toString().substring(0, 8);
    ApiClient.Response reply = api.say(session, tag + " [[delay=2500]]");
    assertThat(reply.body().path("error").asBoolean()).isTrue();
    assertThat(reply.body().path("text").asText()).contains("the model did not answer");
    assertThat(MODEL.requestsFor(tag)).hasSize(3);
    JsonNode letter = await().atMost(Duration.ofSeconds(20)).until(() -> api.deadLetterFor(tag), l -> l != null);
    assertThat(letter.path("reason").asText()).containsIgnoringCase("timeout");
  }

  @Test
  void aCloudEventPublishedWithThePlainAmqpClientIsProcessedOnce() throws Exception {
    String chat = "ext-" + UUID.randomUUID();
    String id = UUID.randomUUID().toString();
    publishRaw("message.received.ext.producer", cloudEvent(id, chat, "from outside"));
    await().atMost(Duration.ofSeconds(20)).until(() -> history("ext:producer:" + chat).size() == 2);

    // the same event again (a platform retry), then a new one in the same conversation: processed in order, so once
    // the new one is answered the duplicate has been seen, and it produced no second reply
    publishRaw("message.received.ext.producer", cloudEvent(id, chat, "from outside"));
    publishRaw("message.received.ext.producer", cloudEvent(UUID.randomUUID().toString(), chat, "second"));
    await().atMost(Duration.ofSeconds(20)).until(() -> history("ext:producer:" + chat).size() == 4);
    assertThat(history("ext:producer:" + chat)).containsExactly("from outside", "echo: from outside", "second", "echo: second");
  }

  @Test
  void invalidEventsAreDeadLetteredWithTheReasonAndTheConsumerCarriesOn() throws Exception {
    String marker = UUID.randomUUID().toString();
    publishRaw("garbage", "not json " + marker);
    String noParts = cloudEvent(UUID.randomUUID().toString(), "c-" + marker, "x").replace("\"parts\":[{\"type\":\"text\",\"text\":\"x\"}]", "\"parts\":[]");
    publishRaw("message.received.ext.producer", noParts);

    await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters().stream().filter(l -> l.path("body").asText().contains(marker)).count() == 2);
    List<JsonNode> letters = deadLetters().stream().filter(l -> l.path("body").asText().contains(marker)).toList();
    assertThat(letters).allSatisfy(l -> assertThat(l.path("failedIn").asText()).isEqualTo("ingress"));
    assertThat(letters).anySatisfy(l -> assertThat(l.path("reason").asText()).contains("parts"));
    assertThat(letters).anySatisfy(l -> assertThat(l.path("routingKey").asText()).isEqualTo("garbage"));

    String chat = "after-" + marker;
    publishRaw("message.received.ext.producer", cloudEvent(UUID.randomUUID().toString(), chat, "still here"));
    await().atMost(Duration.ofSeconds(20)).until(() -> history("ext:producer:" + chat).size() == 2);
  }

  @Test
  void oneConversationIsProcessedInOrderWhileManyRunInParallel() throws Exception {
    // two quick messages in one conversation: the slow first one is answered before the second is even sent to
    // the model, and the second prompt carries the first turn
    ConversationKey key = new ConversationKey("api", "default", "order-" + UUID.randomUUID());
    Envelope.Sender sender = new Envelope.Sender("grace", null);
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String firstText = "[[delay=700]] first " + tag;
    String secondText = "second " + tag;
    CompletableFuture<Envelope> first = conversations.ask(key, sender, firstText, Map.of(), Duration.ofSeconds(30));
    CompletableFuture<Envelope> second = conversations.ask(key, sender, secondText, Map.of(), Duration.ofSeconds(30));
    assertThat(second.get(30, TimeUnit.SECONDS).text()).isEqualTo("echo: " + secondText);
    assertThat(first.get(30, TimeUnit.SECONDS).text()).isEqualTo("echo: " + firstText);
    assertThat(MODEL.requestsFor(secondText).get(0).contents()).contains("echo: " + firstText);
    assertThat(history(key.toString())).containsExactly(firstText, "echo: " + firstText, secondText, "echo: " + secondText);

    // 200 conversations against a model that takes 1 s: they all proceed at once
    MODEL.resetPeak();
    List<CompletableFuture<Envelope>> replies = new ArrayList<>();
    IntStream.range(0, 200)
        .forEach(
            i ->
                replies.add(
                    conversations.ask(
                        new ConversationKey("api", "default", "parallel-" + i + "-" + UUID.randomUUID()),
                        sender,
                        "[[delay=1000]] n" + i,
                        Map.of(),
                        Duration.ofSeconds(60))));
    CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    assertThat(replies).allSatisfy(r -> assertThat(r.join().text()).startsWith("echo: [[delay=1000]] n"));
    // serial processing would never have two requests at the model at once, and one per shard would have four; how
    // many more depends on how fast two shared cores feed the model (measured in docs/benchmarks.md, not here)
    assertThat(MODEL.peakInFlight()).isGreaterThanOrEqualTo(20);
  }

  @Test
  void operatorsSeeHealthMetricsAndTheRoutesInHawtio() {
    api.say(api.newSession("olga"), "count me");
    JsonNode health = api.get("/actuator/health").body();
    assertThat(health.path("status").asText()).isEqualTo("UP");
    assertThat(health.path("components").path("rabbit").path("status").asText()).isEqualTo("UP");
    assertThat(health.path("components").path("db").path("status").asText()).isEqualTo("UP");

    String metrics = api.getText("/actuator/prometheus");
    assertThat(metrics)
        .contains("switchboard_messages_in_total{platform=\"api\"}")
        .contains("switchboard_messages_out_total{platform=\"api\"}")
        .contains("switchboard_pipeline_latency_seconds_bucket")
        .contains("switchboard_model_latency_seconds_count")
        .contains("switchboard_tokens_total{bot=\"default\",kind=\"prompt\",model=\"fake-model\"}");

    assertThat(api.getText("/actuator/hawtio/")).contains("<title>Hawtio</title>");
    List<String> routes = new ArrayList<>();
    api.postRaw("/actuator/jolokia", "{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,*\"}").body().path("value")
        .forEach(n -> routes.add(n.asText()));
    assertThat(routes).anyMatch(r -> r.contains("name=\"pipeline\"")).anyMatch(r -> r.contains("name=\"ingress\""));
  }

  // ---- helpers ----

  List<String> history(String conversationKey) {
    return jdbc.sql(
            "SELECT m.text FROM messages m JOIN sessions s ON s.id = m.session_id WHERE s.conversation_key = ? ORDER BY m.id")
        .param(conversationKey)
        .query(String.class)
        .list();
  }

  List<JsonNode> deadLetters() {
    List<JsonNode> letters = new ArrayList<>();
    api.get("/api/v1/dead-letters?limit=1000").body().forEach(letters::add);
    return letters;
  }


  void publishRaw(String routingKey, String body) throws Exception {
    RawAmqp.publish(connectionFactory, "sb.ingress", routingKey, body);
  }

  static String cloudEvent(String id, String chat, String text) {
    return """
        {"specversion":"1.0","type":"message.received","source":"/ext/producer","id":"%s",
         "time":"2026-01-01T00:00:00Z","subject":"ext:producer:%s","datacontenttype":"application/json",
         "data":{"chat":{"type":"private","id":"%s"},"sender":{"id":"system-x","name":"System X"},
                 "parts":[{"type":"text","text":"%s"}]}}
        """
        .formatted(id, chat, chat, text)
        .replace("\n", "");
  }

  private static FakeOpenAi startModel() {
    try {
      return new FakeOpenAi();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
