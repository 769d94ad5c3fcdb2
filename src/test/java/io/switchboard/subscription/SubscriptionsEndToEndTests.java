package io.switchboard.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.adapter.http.HttpSignature;
import io.switchboard.producer.ApiTokens;
import io.switchboard.security.WebLogins;
import io.switchboard.testing.ApiClient;
import io.switchboard.testing.WebChat;
import io.switchboard.testing.FakeCallback;
import io.switchboard.testing.FakeFeeds;
import io.switchboard.testing.FakeOpenAi;
import io.switchboard.testing.LoopbackServer;
import io.switchboard.testing.RawAmqp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.context.ApplicationContext;

/**
 * Subscriptions and producers end to end: feeds on a loopback server that change between polls, two HTTP bots whose
 * replies reach a loopback callback, producer tokens, the plain RabbitMQ client. Subclasses choose broker and database.
 */
abstract class SubscriptionsEndToEndTests {

  static final String SECRET = "subscriptions-secret-0123";
  static final FakeOpenAi MODEL = LoopbackServer.start(FakeOpenAi::new);
  static final FakeCallback CALLBACK = LoopbackServer.start(FakeCallback::new);
  static final FakeFeeds FEEDS = LoopbackServer.start(FakeFeeds::new);

  @LocalServerPort int port;

  @Autowired ApplicationContext applicationContext;
  @Autowired ApiTokens tokens;
  @Autowired ConnectionFactory connectionFactory;
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();
  ApiClient api;

  static void commonProperties(DynamicPropertyRegistry registry) {
    // the fake feeds listen on loopback, which users' URLs may not reach unless the operator allows it
    registry.add("switchboard.outbound.allow", () -> "127.0.0.1");
    registry.add("switchboard.llm.base-url", MODEL::baseUrl);
    registry.add("switchboard.feeds.min-interval", () -> "1s");
    registry.add("switchboard.feeds.poll-tick", () -> "300ms");
    registry.add("switchboard.feeds.failures-before-notice", () -> "2");
    registry.add("switchboard.producers.max-body-bytes", () -> "4096");
    for (int i = 0; i < 2; i++) {
      int bot = i;
      registry.add("switchboard.bots[" + i + "].id", () -> "hb" + (bot + 1));
      registry.add("switchboard.bots[" + i + "].adapter", () -> "http");
      registry.add("switchboard.bots[" + i + "].config.secret", () -> SECRET);
      registry.add("switchboard.bots[" + i + "].config.callback-url", CALLBACK::url);
      registry.add("switchboard.bots[" + i + "].config.max-per-chat-per-second", () -> "50");
    }
  }

  @BeforeEach
  void client() {
    api = ApiClient.of(port, applicationContext);
  }

  // ---- RSS and Atom ----

  @Test
  void newItemsReachEverySubscriberOnTwoBotsOnceWithoutTheBacklog() throws Exception {
    String tag = tag();
    FEEDS.publishRss(new FakeFeeds.Item("old-" + tag, "Backlog " + tag, "http://news.test/old-" + tag, "an old story"));
    String rss = FEEDS.url("/rss.xml");

    // one subscriber by chat command, two through the API, on two bots: the feed is one feed
    String c1 = "c1-" + tag;
    chat("hb1", c1, "sub rss " + rss + " --every 1s");
    assertThat(awaitReply(c1, "Subscribed to Loopback News")).contains("every 1s");
    subscribe("rss:" + rss, "http:hb1:c2-" + tag, 201);
    subscribe("rss:" + rss, "http:hb2:c3-" + tag, 201);

    FEEDS.publishRss(new FakeFeeds.Item("new-" + tag, "Fresh <b>" + tag + "</b>", "http://news.test/new-" + tag, "<p>A new &amp; fine story</p>"));
    for (String chat : List.of(c1, "c2-" + tag, "c3-" + tag)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> !delivered(chat, "Fresh").isEmpty());
    }
    int fetched = FEEDS.fetches();
    await().atMost(Duration.ofSeconds(30)).until(() -> FEEDS.fetches() >= fetched + 3); // three more polls
    for (String chat : List.of(c1, "c2-" + tag, "c3-" + tag)) {
      assertThat(delivered(chat, "Fresh")).as(chat).hasSize(1);
      assertThat(delivered(chat, "Backlog")).as(chat).isEmpty();
    }
    String text = delivered(c1, "Fresh").get(0).path("text").asText();
    assertThat(text).contains("**Fresh " + tag + "**", "http://news.test/new-" + tag, "A new & fine story").doesNotContain("<p>");
    assertThat(CALLBACK.attempts().stream().filter(a -> a.body().path("chat").asText().equals("c3-" + tag)).findFirst().orElseThrow()
        .body().path("id").asText()).isNotBlank();

    // subs lists it; unsub by URL ends it for that chat only
    chat("hb1", c1, "subs");
    assertThat(awaitReply(c1, "This chat follows")).contains("Loopback News", rss);
    chat("hb1", c1, "unsub " + rss);
    awaitReply(c1, "Unsubscribed");
    FEEDS.publishRss(new FakeFeeds.Item("later-" + tag, "Later " + tag, "http://news.test/later-" + tag, "later"));
    await().atMost(Duration.ofSeconds(30)).until(() -> !delivered("c2-" + tag, "Later").isEmpty() && !delivered("c3-" + tag, "Later").isEmpty());
    assertThat(delivered(c1, "Later")).isEmpty();
  }

  @Test
  void atomEntriesAndLinkOnlyItemsAreDeliveredOnce() throws Exception {
    String tag = tag();
    String chat = "atom-" + tag;
    subscribe("rss:" + FEEDS.url("/atom.xml"), "http:hb2:" + chat, 201);
    subscribe("rss:" + FEEDS.url("/noguid.xml"), "http:hb2:" + chat, 201);
    // a subscriber asking for summaries gets the item through the model (the runner as middleware)
    ApiClient.Response summarized = api.post("/api/v1/subscriptions",
        Map.of("source", "rss:" + FEEDS.url("/atom.xml"), "target", "http:hb1:sum-" + tag, "every", "1s", "summarize", true));
    assertThat(summarized.status()).isEqualTo(201);
    FEEDS.publishAtom(new FakeFeeds.Item("urn:entry:" + tag, "Atom " + tag, "http://atom.test/" + tag, "an atom entry"));
    FEEDS.publishWithoutGuid(new FakeFeeds.Item("ignored", "Linked " + tag, "http://linked.test/" + tag + "/" + "x".repeat(600), "no guid"));
    await().atMost(Duration.ofSeconds(30)).until(() -> !delivered(chat, "Atom " + tag).isEmpty() && !delivered(chat, "Linked " + tag).isEmpty());
    int fetched = FEEDS.fetches();
    await().atMost(Duration.ofSeconds(30)).until(() -> FEEDS.fetches() >= fetched + 4);
    assertThat(delivered(chat, "Atom " + tag)).hasSize(1);
    assertThat(delivered(chat, "Linked " + tag)).hasSize(1);
    await().atMost(Duration.ofSeconds(30)).until(() -> !delivered("sum-" + tag, "Atom " + tag).isEmpty());
    assertThat(delivered("sum-" + tag, "Atom " + tag).get(0).path("text").asText())
        .startsWith("**Atom " + tag + "**\nhttp://atom.test/" + tag + "\necho: Summarize this news item")
        .contains("an atom entry");
  }

  @Test
  void aFeedThatCannotBeReadIsRefusedAtSubscribeTimeWithTheReason() throws Exception {
    String tag = tag();
    String chat = "bad-" + tag;
    chat("hb1", chat, "sub rss " + FEEDS.url("/missing.xml"));
    assertThat(awaitReply(chat, "cannot subscribe")).contains("HTTP 404");
    chat("hb1", chat, "sub rss " + FEEDS.url("/page.html"));
    assertThat(awaitReply(chat, "not an RSS or Atom feed")).contains("/page.html");
    chat("hb1", chat, "sub rss http://127.0.0.1:1/feed.xml");
    assertThat(awaitReply(chat, "unreachable")).contains("cannot subscribe");
    ApiClient.Response viaApi = api.post("/api/v1/subscriptions", Map.of("source", "rss:" + FEEDS.url("/missing.xml"), "target", "http:hb1:" + chat));
    assertThat(viaApi.status()).isEqualTo(400);
    assertThat(viaApi.body().path("error").asText()).contains("HTTP 404");
    assertThat(api.post("/api/v1/subscriptions", Map.of("source", "topic:x", "target", "web:nobot:1")).body().path("error").asText())
        .contains("not a configured bot");
    assertThat(api.get("/api/v1/subscriptions?target=http:hb1:" + chat).body()).isEmpty();
  }

  @Test
  void subscriptionsAreListedAndEndedOverTheApi() {
    String tag = tag();
    String target = "http:hb2:api-" + tag;
    subscribe("topic:listed-" + tag, target, 201);
    subscribe("rss:" + FEEDS.url("/rss.xml"), target, 201);
    JsonNode listed = api.get("/api/v1/subscriptions?target=" + target).body();
    assertThat(listed.findValuesAsText("kind")).containsExactly("topic", "rss");
    assertThat(listed.get(1).path("description").asText()).contains("Loopback News", "every 1s");
    long id = listed.get(0).path("id").asLong();
    assertThat(api.delete("/api/v1/subscriptions/" + id)).isEqualTo(204);
    assertThat(api.delete("/api/v1/subscriptions/" + id)).isEqualTo(404);
    assertThat(api.get("/api/v1/subscriptions?target=" + target).body().findValuesAsText("kind")).containsExactly("rss");
    assertThat(api.get("/api/v1/subscriptions").status()).isEqualTo(400);
  }

  @Test
  void aFeedThatKeepsFailingIsToldToItsSubscribersOnce() throws Exception {
    String tag = tag();
    String chat = "failing-" + tag;
    String path = "/noguid.xml";
    subscribe("rss:" + FEEDS.url(path), "http:hb1:" + chat, 201);
    FEEDS.failing(path, true);
    try {
      await().atMost(Duration.ofSeconds(40)).until(() -> !delivered(chat, "failed").isEmpty());
      int fetched = FEEDS.fetches();
      await().atMost(Duration.ofSeconds(40)).until(() -> FEEDS.fetches() >= fetched + 1); // failing on, still polled
      assertThat(delivered(chat, "failed")).hasSize(1);
      assertThat(delivered(chat, "failed").get(0).path("text").asText()).contains("HTTP 500", "keep trying");
    } finally {
      FEEDS.failing(path, false);
    }
  }

  // ---- producers ----

  @Test
  void producerTokensAreRequiredAndScoped() throws Exception {
    String tag = tag();
    assertThat(postEvent(null, null, "{\"to\":\"http:hb1:n1\",\"text\":\"hi\"}").statusCode()).isEqualTo(401);
    assertThat(postEvent("sbp_not-a-real-token", null, "{\"to\":\"http:hb1:n1\",\"text\":\"hi\"}").statusCode()).isEqualTo(401);
    String topicOnly = tokens.create("alerts-" + tag, List.of("topic:alerts-*")).plaintext();
    HttpResponse<String> outOfScope = postEvent(topicOnly, null, "{\"to\":\"http:hb1:n1\",\"text\":\"hi\"}");
    assertThat(outOfScope.statusCode()).isEqualTo(403);
    assertThat(outOfScope.body()).contains("may not");
    tokens.revoke("alerts-" + tag);
    assertThat(postEvent(topicOnly, null, "{\"topic\":\"alerts-x\",\"text\":\"hi\"}").statusCode()).isEqualTo(401);
  }

  @Test
  void tokensAreManagedOverHttpWithTheOperatorsCredentials() throws Exception {
    String tag = tag();
    String create = "{\"name\":\"grafana-" + tag + "\",\"scopes\":[\"topic:alerts\"]}";
    String operator = api.operatorAuthorization();
    assertThat(tokenApi("POST", "/api/v1/tokens", null, create).statusCode()).isEqualTo(401);
    assertThat(tokenApi("POST", "/api/v1/tokens", "Basic b3BlcmF0b3I6d3Jvbmc=", create).statusCode()).isEqualTo(401);
    assertThat(tokenApi("POST", "/api/v1/tokens", "Bearer " + api.keyOf("not-the-operator"), create).statusCode()).isEqualTo(403);
    HttpResponse<String> created = tokenApi("POST", "/api/v1/tokens", operator, create);
    assertThat(created.statusCode()).isEqualTo(201);
    String token = json.readTree(created.body()).path("token").asText();
    assertThat(token).startsWith(ApiTokens.PREFIX);
    assertThat(tokenApi("POST", "/api/v1/tokens", operator, create).body()).contains("exists already");
    assertThat(postEvent(token, null, "{\"topic\":\"alerts\",\"text\":\"x\"}").statusCode()).isEqualTo(202);
    assertThat(tokenApi("GET", "/api/v1/tokens", operator, null).body()).contains("grafana-" + tag).doesNotContain(token);
    assertThat(tokenApi("DELETE", "/api/v1/tokens/grafana-" + tag, operator, null).statusCode()).isEqualTo(204);
    assertThat(postEvent(token, null, "{\"topic\":\"alerts\",\"text\":\"x\"}").statusCode()).isEqualTo(401);
  }

  @Test
  void aNotificationGoesStraightToTheChatAndARepostWithTheSameKeyOnce() throws Exception {
    String tag = tag();
    String token = tokens.create("ci-" + tag, List.of("notify:http:hb1:*", "events")).plaintext();
    int modelCalls = MODEL.requests().size();
    HttpResponse<String> accepted = postEvent(token, "deploy-" + tag, "{\"to\":\"http:hb1:n-" + tag + "\",\"text\":\"deploy " + tag + " done\"}");
    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(json.readTree(accepted.body()).path("id").asText()).isNotBlank();
    assertThat(postEvent(token, "deploy-" + tag, "{\"to\":\"http:hb1:n-" + tag + "\",\"text\":\"deploy " + tag + " done\"}").statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> !delivered("n-" + tag, "deploy " + tag).isEmpty());
    postEvent(token, null, "{\"to\":\"http:hb1:n-" + tag + "\",\"text\":\"after " + tag + "\"}");
    await().atMost(Duration.ofSeconds(30)).until(() -> !delivered("n-" + tag, "after " + tag).isEmpty());
    assertThat(delivered("n-" + tag, "deploy " + tag)).hasSize(1);
    assertThat(MODEL.requests()).hasSize(modelCalls); // notifications bypass the model

    // bad bodies: named field, size, JSON
    assertThat(postEvent(token, null, "{\"to\":\"nowhere\",\"text\":\"x\"}").body()).contains("to must be");
    assertThat(postEvent(token, null, "{\"to\":\"http:hb1:n1\"}").body()).contains("text or parts is required");
    assertThat(postEvent(token, null, "{\"to\":\"http:hb1:n1\",\"text\":").statusCode()).isEqualTo(400);
    HttpResponse<String> tooBig = postEvent(token, null, "{\"to\":\"http:hb1:n1\",\"text\":\"" + "x".repeat(5000) + "\"}");
    assertThat(tooBig.statusCode()).isEqualTo(413);
    HttpResponse<String> noSubject = postEvent(token, null, """
        {"specversion":"1.0","type":"message.received","source":"/ci","id":"e-%s","data":{"chat":{"type":"private","id":"x"},"parts":[{"type":"text","text":"hi"}]}}
        """.formatted(tag));
    assertThat(noSubject.statusCode()).isEqualTo(400);
    assertThat(noSubject.body()).contains("subject");

    // a CloudEvent is published on the bus and processed like any event
    HttpResponse<String> event = postEvent(token, null, """
        {"specversion":"1.0","type":"message.received","source":"/ci","id":"e-%s","subject":"ci:build:%s",
         "data":{"chat":{"type":"private","id":"%s"},"sender":{"id":"ci"},"parts":[{"type":"text","text":"event %s"}]}}
        """.formatted(tag, tag, tag, tag));
    assertThat(event.statusCode()).isEqualTo(202);
    assertThat(json.readTree(event.body()).path("id").asText()).isEqualTo("e-" + tag);
    await().atMost(Duration.ofSeconds(30)).until(() -> !MODEL.requestsFor("event " + tag).isEmpty());
  }

  @Test
  void aTopicMessageIsFannedOutToItsSubscribersOnce() throws Exception {
    String tag = tag();
    String topic = "builds-" + tag;
    subscribe("topic:" + topic, "http:hb1:t1-" + tag, 201);
    subscribe("topic:" + topic, "http:hb2:t2-" + tag, 201);
    String token = tokens.create("builder-" + tag, List.of("topic:builds-*")).plaintext();
    String body = "{\"topic\":\"" + topic + "\",\"title\":\"Build 42\",\"text\":\"green " + tag + "\"}";
    assertThat(postEvent(token, "build-42", body).statusCode()).isEqualTo(202);
    assertThat(postEvent(token, "build-42", body).statusCode()).isEqualTo(202);
    assertThat(postEvent(token, null, "{\"topic\":\"other-" + tag + "\",\"text\":\"x\"}").statusCode()).isEqualTo(403);
    postEvent(token, "build-43", "{\"topic\":\"" + topic + "\",\"text\":\"next " + tag + "\"}");
    await().atMost(Duration.ofSeconds(30)).until(() -> !delivered("t1-" + tag, "next " + tag).isEmpty() && !delivered("t2-" + tag, "next " + tag).isEmpty());
    assertThat(delivered("t1-" + tag, "green " + tag)).hasSize(1);
    assertThat(delivered("t2-" + tag, "green " + tag)).hasSize(1);
    assertThat(delivered("t1-" + tag, "green " + tag).get(0).path("text").asText()).startsWith("**Build 42**");
  }

  @Test
  void rawAmqpFeedItemsAreFannedOutAndMalformedOnesDeadLettered() throws Exception {
    String tag = tag();
    String topic = "raw-" + tag;
    subscribe("topic:" + topic, "http:hb2:r-" + tag, 201);
    RawAmqp.publish(connectionFactory, "sb.feeds", "api.monitor", "not json " + tag);
    RawAmqp.publish(connectionFactory, "sb.feeds", "api.monitor", """
        {"specversion":"1.0","type":"feed.item","source":"/monitor","id":"bad-%s","subject":"%s","data":{"title":"no topic prefix"}}
        """.formatted(tag, topic));
    RawAmqp.publish(connectionFactory, "sb.feeds", "api.monitor", """
        {"specversion":"1.0","type":"feed.item","source":"/monitor","id":"ok-%s","subject":"topic:%s","data":{"title":"Disk","text":"disk full %s"}}
        """.formatted(tag, topic, tag));
    await().atMost(Duration.ofSeconds(30)).until(() -> !delivered("r-" + tag, "disk full " + tag).isEmpty());
    JsonNode garbage = await().atMost(Duration.ofSeconds(30)).until(() -> api.deadLetterFor("not json " + tag), l -> l != null);
    assertThat(garbage.path("failedIn").asText()).isEqualTo("feeds-router");
    JsonNode invalid = await().atMost(Duration.ofSeconds(30)).until(() -> api.deadLetterFor("bad-" + tag), l -> l != null);
    assertThat(invalid.path("reason").asText()).contains("subject");
  }

  // ---- helpers ----

  // ---- pushes to web chat and API sessions ----

  @Test
  void anApiSessionSubscribedToATopicGetsItsMessagesLiveAndWhatCameWhileItWasAwayOnce() throws Exception {
    String tag = tag();
    String topic = "harbour-" + tag;
    String producer = tokens.create("harbour-" + tag, List.of("topic:harbour-*")).plaintext();
    String session = api.newSession("pia-" + tag);
    assertThat(api.say(session, "sub topic " + topic).body().path("text").asText()).contains(topic);

    // nobody listens: the push is kept in the session's history
    assertThat(postEvent(producer, null, "{\"topic\":\"" + topic + "\",\"text\":\"first " + tag + "\"}").statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/sessions/" + session + "/messages").body().findValuesAsText("text")
        .stream().anyMatch(text -> text.contains("first " + tag)));
    String firstId;
    try (ApiClient.EventStream events = api.events(session, null)) {
      // a stream opened now gets it, then the next one live
      List<ApiClient.Event> got = events.await(1);
      assertThat(got.get(0).name()).isEqualTo("push");
      assertThat(got.get(0).data().path("text").asText()).contains("first " + tag);
      firstId = got.get(0).id();
      postEvent(producer, null, "{\"topic\":\"" + topic + "\",\"text\":\"second " + tag + "\"}");
      got = events.await(2);
      assertThat(got.get(1).data().path("text").asText()).contains("second " + tag);
      assertThat(Long.parseLong(got.get(1).id())).isGreaterThan(Long.parseLong(firstId));
    }
    // away again, a third; the next stream starts after what a stream of this session sent: the third, not again the first two
    postEvent(producer, null, "{\"topic\":\"" + topic + "\",\"text\":\"third " + tag + "\"}");
    try (ApiClient.EventStream events = api.events(session, null)) {
      assertThat(events.await(1).get(0).data().path("text").asText()).contains("third " + tag);
    }
    // a client's own cursor wins: from the first push's id, the second and the third
    try (ApiClient.EventStream events = api.events(session, firstId)) {
      assertThat(events.await(2)).extracting(e -> e.data().path("text").asText()).satisfiesExactly(
          second -> assertThat(second).contains("second " + tag), third -> assertThat(third).contains("third " + tag));
    }
    // pushes are not the model's history: a question after them carries none
    api.say(session, "what now " + tag);
    assertThat(MODEL.requestsFor("what now " + tag).get(0).contents()).noneMatch(text -> text.contains("first " + tag));
    // another user cannot open the stream
    assertThat(api.as("mallory-" + tag).get("/api/v1/sessions/" + session + "/events").status()).isEqualTo(404);

    // a producer's notification to the session, with a scope naming API sessions, is a push too; to a session that
    // does not exist it is refused
    String notifier = tokens.create("notifier-" + tag, List.of("notify:api:default:*")).plaintext();
    try (ApiClient.EventStream events = api.events(session, null)) {
      assertThat(postEvent(notifier, null, "{\"to\":\"api:default:" + session + "\",\"text\":\"deploy " + tag + " done\"}").statusCode())
          .isEqualTo(202);
      assertThat(events.await(1).get(0).data().path("text").asText()).isEqualTo("deploy " + tag + " done");
    }
    HttpResponse<String> nowhere = postEvent(notifier, null, "{\"to\":\"api:default:no-such-session\",\"text\":\"x\"}");
    assertThat(nowhere.statusCode()).isEqualTo(400);
    assertThat(nowhere.body()).contains("nor a web chat or API session here");
  }

  @Test
  void aWebChatSubscribedToATopicShowsItsMessagesLiveAndInItsHistoryWhenItOpensAgain() throws Exception {
    String tag = tag();
    String topic = "ferry-" + tag;
    String producer = tokens.create("ferry-" + tag, List.of("topic:ferry-*")).plaintext();
    WebLogins logins = applicationContext.getBean(WebLogins.class);
    String user = "wes-" + tag;
    try (WebChat web = WebChat.open(port, logins, user, "chat-" + tag, null)) {
      int before = web.received();
      web.send(Map.of("text", "sub topic " + topic));
      web.awaitFrame("reply", before, frame -> frame.path("text").asText().contains(topic));
      before = web.received();
      postEvent(producer, null, "{\"topic\":\"" + topic + "\",\"text\":\"ferry runs late " + tag + "\"}");
      assertThat(web.awaitFrame("push", before, frame -> true).path("text").asText()).contains("ferry runs late " + tag);
    }
    // the browser is closed: the next push waits in the history, and the page shows both once when it opens again
    postEvent(producer, null, "{\"topic\":\"" + topic + "\",\"text\":\"ferry cancelled " + tag + "\"}");
    await().atMost(Duration.ofSeconds(30)).until(() -> pushesIn(user + ".chat-" + tag) == 2);
    try (WebChat web = WebChat.open(port, logins, user, "chat-" + tag, null)) {
      JsonNode history = web.awaitFrame("history", 0, frame -> true).path("messages");
      List<String> pushes = new java.util.ArrayList<>();
      history.forEach(m -> {
        if (m.path("role").asText().equals("push")) {
          pushes.add(m.path("text").asText());
        }
      });
      assertThat(pushes).hasSize(2);
      assertThat(pushes.get(0)).contains("ferry runs late " + tag);
      assertThat(pushes.get(1)).contains("ferry cancelled " + tag);
    }
  }

  private int pushesIn(String webChat) {
    return applicationContext.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
        .sql("SELECT COUNT(*) FROM messages m JOIN sessions s ON s.id = m.session_id WHERE s.conversation_key = ? AND m.role = 'push'")
        .param("web:default:" + webChat).query(Integer.class).single();
  }

  static String tag() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  void subscribe(String source, String target, int expectedStatus) {
    ApiClient.Response response = api.post("/api/v1/subscriptions", Map.of("source", source, "target", target, "every", "1s"));
    assertThat(response.status()).as("%s", response).isEqualTo(expectedStatus);
  }

  /** Replies and notifications delivered (200) to a chat of either bot whose text contains the marker. */
  static List<JsonNode> delivered(String chat, String marker) {
    return CALLBACK.deliveredFor(marker).stream().map(FakeCallback.Attempt::body).filter(b -> b.path("chat").asText().equals(chat)).toList();
  }

  static String awaitReply(String chat, String marker) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> delivered(chat, marker), l -> !l.isEmpty()).get(0).path("text").asText();
  }

  void chat(String bot, String chat, String text) throws IOException, InterruptedException {
    String body = json.writeValueAsString(Map.of("chat", chat, "user", Map.of("id", "u-" + chat), "text", text));
    String timestamp = String.valueOf(Instant.now().getEpochSecond());
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/" + bot))
        .header("Content-Type", "application/json")
        .header(HttpSignature.TIMESTAMP_HEADER, timestamp)
        .header(HttpSignature.SIGNATURE_HEADER, HttpSignature.sign(SECRET, timestamp, body))
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
  }

  HttpResponse<String> tokenApi(String method, String path, String authorization, String body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> postEvent(String token, String idempotencyKey, String body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/events"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
