package io.switchboard.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.testing.ApiClient;
import io.switchboard.testing.FakeAgentWebhook;
import io.switchboard.testing.FakeCoze;
import io.switchboard.testing.FakeDify;
import io.switchboard.testing.FakeN8n;
import io.switchboard.testing.FakeOpenAi;
import io.switchboard.testing.LoopbackServer;
import io.switchboard.testing.RawAmqp;
import io.switchboard.testing.WebChat;
import io.switchboard.security.WebLogins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Commands, permissions, respond rules, limits, own keys, metering and the content filter end to end: the HTTP API
 * (and raw AMQP for group chats) → bus → pipeline stages → the fake model. Subclasses choose the broker and database.
 */
abstract class CommandsEndToEndTests {

  static final FakeOpenAi MODEL = LoopbackServer.start(FakeOpenAi::new);
  /** A user's own OpenAI-compatible endpoint (bring your own key). */
  static final FakeOpenAi OWN_MODEL = LoopbackServer.start(FakeOpenAi::new);
  static final String ADMIN = "root";
  /** An agent built elsewhere, behind a webhook. */
  static final FakeAgentWebhook HOOK = LoopbackServer.start(() -> new FakeAgentWebhook("hook-secret"));
  /** A workflow behind n8n's Webhook trigger. */
  static final FakeN8n N8N = LoopbackServer.start(() -> new FakeN8n("flow-user", "flow-pass"));
  /** Dify's service API, with a chat app, an agent app and a workflow app. */
  static final FakeDify DIFY = LoopbackServer.start(() -> new FakeDify("app-chat-key", "app-agent-key", "app-flow-key"));
  /** Coze's v3 chat API with one published bot. */
  static final FakeCoze COZE = LoopbackServer.start(() -> new FakeCoze("pat-coze-token", "7439630213807570979"));

  @LocalServerPort int port;

  @Autowired ApplicationContext applicationContext;
  @Autowired ConnectionFactory connectionFactory;
  ApiClient api;

  static void commonProperties(DynamicPropertyRegistry registry) {
    registry.add("switchboard.llm.base-url", MODEL::baseUrl);
    registry.add("switchboard.llm.api-key", () -> "shared-key");
    registry.add("switchboard.llm.model", () -> "fake-model");
    registry.add("switchboard.api.reply-timeout", () -> "30s");
    registry.add("switchboard.access.admins.api", () -> ADMIN);
    registry.add("switchboard.commands.scenes.ops.access", () -> "restricted");
    registry.add("switchboard.commands.line-handlers.[#]", () -> "model:special-model");
    registry.add("switchboard.commands.line-handlers.[>]", () -> "direct:command.ops.uptime");
    registry.add("switchboard.limits.quota.requests-per-day", () -> "2");
    registry.add("switchboard.limits.rate.max", () -> "10");
    registry.add("switchboard.limits.rate.window", () -> "1h");
    registry.add("switchboard.keys.secret", () -> "test-secret-for-user-keys");
    // the fakes listen on loopback, which users' URLs may not reach unless the operator allows it
    registry.add("switchboard.outbound.allow", () -> "127.0.0.1");
    registry.add("switchboard.streaming.interval", () -> "0ms"); // every piece an agent service sends, a partial reply
    registry.add("switchboard.filter.words", () -> "forbiddenword,禁词");
    registry.add("switchboard.filter.action", () -> "block");
    registry.add("switchboard.access.deny", () -> "*:*:user:spammer-*");
    // agents: one on the shared endpoint with its own model, prompt and temperature; one with an endpoint of its
    // own; one for staff only
    registry.add("switchboard.agents.researcher.description", () -> "Answers with sources");
    registry.add("switchboard.agents.researcher.model.name", () -> "research-model");
    registry.add("switchboard.agents.researcher.system-prompt", () -> "You cite your sources.");
    registry.add("switchboard.agents.researcher.temperature", () -> "0.2");
    registry.add("switchboard.agents.researcher.settable", () -> "temperature,system-prompt");
    registry.add("switchboard.agents.terse.model.base-url", OWN_MODEL::baseUrl);
    registry.add("switchboard.agents.terse.model.api-key", () -> "terse-key");
    registry.add("switchboard.agents.terse.model.name", () -> "terse-model");
    registry.add("switchboard.agents.staff.description", () -> "for staff");
    registry.add("switchboard.agents.staff.allow", () -> "api:staff-*");
    // an agent whose model is rate-limited (the fake answers 429 for it) and whose fallback is another endpoint
    registry.add("switchboard.agents.hook.runner", () -> "webhook");
    registry.add("switchboard.agents.hook.webhook.url", HOOK::url);
    registry.add("switchboard.agents.hook.webhook.secret", () -> "hook-secret");
    registry.add("switchboard.agents.flow.runner", () -> "n8n");
    registry.add("switchboard.agents.flow.n8n.url", () -> N8N.url("support"));
    registry.add("switchboard.agents.flow.n8n.auth", () -> "basic");
    registry.add("switchboard.agents.flow.n8n.username", () -> "flow-user");
    registry.add("switchboard.agents.flow.n8n.password", () -> "flow-pass");
    registry.add("switchboard.agents.helpdesk.runner", () -> "dify");
    registry.add("switchboard.agents.helpdesk.dify.base-url", DIFY::baseUrl);
    registry.add("switchboard.agents.helpdesk.dify.api-key", () -> "app-chat-key");
    registry.add("switchboard.agents.scout.runner", () -> "dify");
    registry.add("switchboard.agents.scout.dify.base-url", DIFY::baseUrl);
    registry.add("switchboard.agents.scout.dify.api-key", () -> "app-agent-key");
    registry.add("switchboard.agents.scout.dify.app", () -> "agent");
    registry.add("switchboard.agents.digest.runner", () -> "dify");
    registry.add("switchboard.agents.digest.dify.base-url", DIFY::baseUrl);
    registry.add("switchboard.agents.digest.dify.api-key", () -> "app-flow-key");
    registry.add("switchboard.agents.digest.dify.app", () -> "workflow");
    registry.add("switchboard.agents.digest.dify.inputs.language", () -> "en");
    registry.add("switchboard.agents.coach.runner", () -> "coze");
    registry.add("switchboard.agents.coach.coze.base-url", COZE::baseUrl);
    registry.add("switchboard.agents.coach.coze.api-key", () -> "pat-coze-token");
    registry.add("switchboard.agents.coach.coze.bot-id", () -> "7439630213807570979");
    registry.add("switchboard.agents.faq.system-prompt", () -> "You answer questions about the shop.");
    registry.add("switchboard.agents.faq.cache.ttl", () -> "1h");
    registry.add("switchboard.agents.steady.model.name", () -> "flaky-model");
    registry.add("switchboard.agents.steady.fallbacks[0].base-url", OWN_MODEL::baseUrl);
    registry.add("switchboard.agents.steady.fallbacks[0].api-key", () -> "backup-key");
    registry.add("switchboard.agents.steady.fallbacks[0].name", () -> "backup-model");
  }

  @Test
  void anAgentBehindAWebhookGetsTheSignedTurnAndItsAnswerIsTheReply() {
    String user = "hook-user-" + UUID.randomUUID().toString().substring(0, 8);
    String session = api.newSession(user);
    assertThat(say(session, "/agent use hook")).startsWith("This conversation now talks to hook.");
    int before = MODEL.requests().size();
    ApiClient.Response reply = api.say(session, "what is the status?");
    assertThat(reply.body().path("text").asText()).isEqualTo("hook says: what is the status?");
    assertThat(reply.body().path("model").asText()).isEqualTo("hook-model");
    assertThat(MODEL.requests()).as("the model is not asked").hasSize(before);
    assertThat(HOOK.refused()).isEmpty();
    JsonNode turn = HOOK.received().get(HOOK.received().size() - 1);
    assertThat(turn.path("agent").asText()).isEqualTo("hook");
    assertThat(turn.path("session").asText()).isEqualTo(session);
    assertThat(turn.path("user").path("key").asText()).isEqualTo("api:" + user);
    assertThat(turn.path("text").asText()).isEqualTo("what is the status?");
    assertThat(turn.path("history").get(0).path("text").asText()).isEqualTo("/agent use hook");
    // a @mention reaches it too, from a conversation on another agent
    String other = api.newSession(user);
    assertThat(say(other, "@hook ping")).isEqualTo("hook says: ping");
  }

  @Test
  void anN8nWorkflowAnswersWithItsJsonOrItsStreamedItems() {
    String user = "flow-user-" + UUID.randomUUID().toString().substring(0, 8);
    String session = api.newSession(user);
    say(session, "/agent use flow");
    assertThat(say(session, "where is my parcel?")).isEqualTo("n8n says: where is my parcel?");
    JsonNode posted = N8N.received().get(N8N.received().size() - 1);
    assertThat(posted.path("chatInput").asText()).isEqualTo("where is my parcel?");
    assertThat(posted.path("sessionId").asText()).isEqualTo(session);
    assertThat(posted.path("user").asText()).isEqualTo("api:" + user);
    assertThat(posted.path("eventId").asText()).isNotBlank();
    assertThat(say(session, "and now [[stream]]")).isEqualTo("n8n streams: and now [[stream]]");
  }

  @Test
  void agentServicesAnswersAreShownAsTheyAreWrittenToACallerWatching() {
    String session = api.newSession("watching-" + UUID.randomUUID().toString().substring(0, 8));
    for (Map.Entry<String, String> asked : Map.of("@helpdesk my printer is broken again", "dify: my printer is broken again",
        "@coach how do I start running", "coze: how do I start running", "@flow where is it now [[stream]]", "n8n streams: where is it now [[stream]]")
        .entrySet()) {
      List<ApiClient.Event> events = api.sayStreaming(session, asked.getKey());
      String answer = asked.getValue();
      assertThat(events.get(events.size() - 1).name()).isEqualTo("reply");
      assertThat(events.get(events.size() - 1).data().path("text").asText()).isEqualTo(answer);
      // the service's pieces as they came: each partial the text so far, growing, before the one reply
      List<String> partials = events.stream().filter(e -> e.name().equals("partial")).map(e -> e.data().path("text").asText()).toList();
      assertThat(partials).as(asked.getKey()).hasSizeGreaterThanOrEqualTo(2).allSatisfy(text -> assertThat(answer).startsWith(text));
      assertThat(partials).isSortedAccordingTo(java.util.Comparator.comparingInt(String::length));
    }
  }

  @Test
  void aDifyChatAppKeepsItsConversationAndBeginsANewOneWhenDifyHasForgottenIt() {
    String user = "dify-user-" + UUID.randomUUID().toString().substring(0, 8);
    String session = api.newSession(user);
    say(session, "/agent use helpdesk");
    ApiClient.Response first = api.say(session, "my printer is broken");
    assertThat(first.body().path("text").asText()).isEqualTo("dify: my printer is broken");
    assertThat(first.body().path("model").asText()).isEqualTo("helpdesk");
    JsonNode asked = lastDifyRequest();
    assertThat(asked.path("query").asText()).isEqualTo("my printer is broken");
    assertThat(asked.path("conversation_id").asText()).as("Dify begins the conversation").isEmpty();
    assertThat(asked.path("response_mode").asText()).isEqualTo("streaming");
    assertThat(asked.path("user").asText()).isEqualTo("api:" + user);
    String conversation = difyConversation(session);

    assertThat(say(session, "it is an HP")).isEqualTo("dify: it is an HP");
    assertThat(lastDifyRequest().path("conversation_id").asText()).isEqualTo(conversation);

    // Dify lost it (the app re-published): 404, then the message asked once more in a new conversation
    DIFY.forgetConversations();
    int answered = DIFY.statuses().size();
    assertThat(say(session, "still broken")).isEqualTo("dify: still broken");
    assertThat(DIFY.statuses().subList(answered, DIFY.statuses().size())).containsExactly(404, 200);
    assertThat(lastDifyRequest().path("conversation_id").asText()).isEmpty();
    String renewed = difyConversation(session);
    assertThat(renewed).isNotEqualTo(conversation);

    // /reset begins a new one too; what Dify reported it used is metered, and none of these five prompts counted
    // against the shared model's quota (two a day here)
    say(session, "/reset");
    say(session, "hello again");
    assertThat(lastDifyRequest().path("conversation_id").asText()).isEmpty();
    assertThat(difyConversation(session)).isNotEqualTo(renewed);
    assertThat(api.get("/api/v1/sessions/" + session).body().path("usage").path("promptTokens").asInt()).isGreaterThanOrEqualTo(4 * 11);
  }

  @Test
  void aDifyAgentAppAndAWorkflowAppAnswerThroughTheirEventStreams() {
    String session = api.newSession("dify-apps-" + UUID.randomUUID().toString().substring(0, 8));
    assertThat(say(session, "@scout find the manual")).isEqualTo("dify: find the manual");
    assertThat(say(session, "@digest summarise the week")).isEqualTo("workflow: summarise the week");
    JsonNode inputs = lastDifyRequest().path("inputs");
    assertThat(inputs.path("query").asText()).isEqualTo("summarise the week");
    assertThat(inputs.path("language").asText()).isEqualTo("en");
    assertThat(say(session, "/agent show")).doesNotContain("app-flow-key");
  }

  @Test
  void aCozeBotKeepsItsConversationAndItsReportedUsageIsMetered() {
    String user = "coze-user-" + UUID.randomUUID().toString().substring(0, 8);
    String session = api.newSession(user);
    say(session, "/agent use coach");
    assertThat(say(session, "/agent show")).contains("coach (coze)", "url: " + COZE.baseUrl(), "timeout: 600 s").doesNotContain("pat-coze-token");
    ApiClient.Response first = api.say(session, "plan my week");
    assertThat(first.body().path("text").asText()).isEqualTo("coze: plan my week");
    FakeCoze.Request asked = COZE.received().get(COZE.received().size() - 1);
    assertThat(asked.conversationId()).isNull();
    assertThat(asked.body().path("bot_id").asText()).isEqualTo("7439630213807570979");
    assertThat(asked.body().path("user_id").asText()).isEqualTo("api:" + user);
    assertThat(asked.body().path("stream").asBoolean()).isTrue();
    assertThat(asked.body().path("additional_messages").get(0).path("content").asText()).isEqualTo("plan my week");

    assertThat(say(session, "and the weekend?")).isEqualTo("coze: and the weekend?");
    JdbcClient jdbc = applicationContext.getBean(JdbcClient.class);
    String conversation = jdbc.sql("SELECT external_id FROM external_conversations WHERE session_id = ? AND agent = 'coach'").param(session)
        .query(String.class).single();
    assertThat(COZE.received().get(COZE.received().size() - 1).conversationId()).isEqualTo(conversation);
    JsonNode usage = api.get("/api/v1/sessions/" + session).body().path("usage");
    assertThat(usage.path("promptTokens").asInt()).isGreaterThanOrEqualTo(2 * 21);
    assertThat(usage.path("completionTokens").asInt()).isGreaterThanOrEqualTo(2 * 9);
  }

  private static JsonNode lastDifyRequest() {
    return DIFY.received().get(DIFY.received().size() - 1);
  }

  private String difyConversation(String session) {
    return applicationContext.getBean(JdbcClient.class)
        .sql("SELECT external_id FROM external_conversations WHERE session_id = ? AND agent = 'helpdesk'").param(session).query(String.class).single();
  }

  @Test
  void aCachingAgentAnswersTheSameRequestFromItsCacheInAnotherConversation() {
    String question = "when do you open? " + UUID.randomUUID();
    String first = api.newSession("faq-one-" + UUID.randomUUID().toString().substring(0, 8));
    say(first, "/agent use faq");
    ApiClient.Response asked = api.say(first, question);
    assertThat(asked.body().path("text").asText()).isEqualTo("echo: " + question);
    assertThat(asked.body().has("cached")).isFalse();
    assertThat(MODEL.requestsFor(question)).hasSize(1);

    String second = api.newSession("faq-two-" + UUID.randomUUID().toString().substring(0, 8));
    say(second, "/agent use faq");
    ApiClient.Response cached = api.say(second, question);
    assertThat(cached.body().path("text").asText()).isEqualTo("echo: " + question);
    assertThat(cached.body().path("cached").asBoolean()).isTrue();
    assertThat(MODEL.requestsFor(question)).as("the model was not asked again").hasSize(1);
    // a request with other history is another request
    assertThat(api.say(first, question).body().has("cached")).isFalse();
    assertThat(MODEL.requestsFor(question)).hasSize(2);
  }

  @Test
  void anAtNameMessageAsksThatAgentOnceWithoutSwitchingTheConversation() {
    String user = "mention-user-" + UUID.randomUUID().toString().substring(0, 8);
    String session = api.newSession(user);
    assertThat(say(session, "@researcher what is new?")).isEqualTo("echo: what is new?");
    FakeOpenAi.Request asked = MODEL.requests().get(MODEL.requests().size() - 1);
    assertThat(asked.model()).isEqualTo("research-model");
    assertThat(asked.messages().get(0)).containsEntry("content", "You cite your sources.");
    JdbcClient jdbc = applicationContext.getBean(JdbcClient.class);
    assertThat(jdbc.sql("SELECT agent FROM sessions WHERE id = ?").param(session).query(String.class).single()).isEqualTo("default");

    int before = MODEL.requests().size();
    assertThat(say(session, "@staff hello")).isEqualTo("There is no agent \"staff\" that you may use. /agent lists them.");
    assertThat(MODEL.requests()).hasSize(before);
    // a name that is no agent's is an ordinary message
    assertThat(say(session, "@nobody hello")).isEqualTo("echo: @nobody hello");
  }

  @Test
  void theWebChatsPickerSwitchesAmongTheAgentsItsUserMayUseAndANewChatStartsWithThePickedOne() throws Exception {
    String user = "picker-" + UUID.randomUUID().toString().substring(0, 8);
    WebLogins logins = applicationContext.getBean(WebLogins.class);
    JdbcClient jdbc = applicationContext.getBean(JdbcClient.class);
    try (WebChat web = WebChat.open(port, logins, user, "chat-first1", null)) {
      JsonNode picker = web.awaitFrame("agents", 0, frame -> true);
      assertThat(picker.path("current").asText()).isEqualTo("default");
      assertThat(picker.path("agents").findValuesAsText("name")).contains("default", "researcher", "terse").doesNotContain("staff");
      assertThat(picker.toString()).contains("Answers with sources");

      // an agent the user may not use, whatever the browser sends, is refused with the reason and changes nothing
      int before = web.received();
      web.send(Map.of("agent", "staff"));
      assertThat(web.awaitFrame("error", before, frame -> true).path("error").asText()).isEqualTo("there is no agent 'staff' that you may use");
      assertThat(web.awaitFrame("agents", before, frame -> true).path("current").asText()).isEqualTo("default");

      before = web.received();
      web.send(Map.of("agent", "researcher"));
      assertThat(web.awaitFrame("agents", before, frame -> true).path("current").asText()).isEqualTo("researcher");
      web.send(Map.of("text", "picked " + user));
      web.awaitFrame("reply", before, frame -> frame.path("text").asText().equals("echo: picked " + user));
      assertThat(MODEL.requestsFor("picked " + user).get(0).model()).isEqualTo("research-model");
      assertThat(jdbc.sql("SELECT agent FROM sessions WHERE conversation_key = ?").param("web:default:" + user + ".chat-first1")
          .query(String.class).single()).isEqualTo("researcher");
    }
    // a new chat starts with the agent the browser asks for, when its user may use it; an open chat keeps its own
    try (WebChat web = WebChat.open(port, logins, user, "chat-second", "researcher")) {
      assertThat(web.awaitFrame("agents", 0, frame -> true).path("current").asText()).isEqualTo("researcher");
    }
    try (WebChat web = WebChat.open(port, logins, user, "chat-third1", "staff")) {
      assertThat(web.awaitFrame("agents", 0, frame -> true).path("current").asText()).isEqualTo("default");
    }
    try (WebChat web = WebChat.open(port, logins, user, "chat-first1", "terse")) {
      assertThat(web.awaitFrame("agents", 0, frame -> true).path("current").asText()).isEqualTo("researcher");
    }
  }

  @Test
  void aRateLimitedModelIsFollowedByTheAgentsFallbackAndTheReplySaysWhichModelAnswered() {
    MODEL.overloaded("flaky-model", true);
    try {
      String user = "steady-user-" + UUID.randomUUID().toString().substring(0, 8);
      String session = api.newSession(user);
      say(session, "/agent use steady");
      assertThat(say(session, "/agent show")).contains("model: flaky-model", "fallbacks: backup-model");
      int before = OWN_MODEL.requests().size();
      ApiClient.Response reply = api.say(session, "are you there?");
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.body().path("text").asText()).isEqualTo("echo: are you there?");
      assertThat(reply.body().path("model").asText()).isEqualTo("backup-model");
      assertThat(MODEL.requests().stream().filter(r -> "flaky-model".equals(r.model()))).isNotEmpty();
      assertThat(OWN_MODEL.requests()).hasSize(before + 1);
      assertThat(OWN_MODEL.requests().get(before).authorization()).isEqualTo("Bearer backup-key");
    } finally {
      MODEL.overloaded("flaky-model", false);
    }
  }

  @Test
  void aConversationChoosesItsAgentAndSetsItsParametersWhichHoldInTheDatabase() {
    String user = "agent-user-" + UUID.randomUUID().toString().substring(0, 8);
    String session = api.newSession(user);
    assertThat(say(session, "/agent")).contains("this conversation talks to default", "▸ default", "• researcher — Answers with sources")
        .doesNotContain("staff");
    assertThat(say(session, "/agent use researcher")).startsWith("This conversation now talks to researcher.");

    say(session, "first question");
    FakeOpenAi.Request asked = MODEL.requests().get(MODEL.requests().size() - 1);
    assertThat(asked.model()).isEqualTo("research-model");
    assertThat(asked.temperature()).isEqualTo(0.2);
    assertThat(asked.messages().get(0)).containsEntry("role", "system").containsEntry("content", "You cite your sources.");

    assertThat(say(session, "/set history-size 3")).startsWith("researcher does not let a conversation set history-size");
    assertThat(say(session, "/set temperature 1.5")).isEqualTo("temperature is 1.5 in this conversation now.");
    assertThat(say(session, "/set system-prompt Answer in one line.")).isEqualTo("system-prompt is Answer in one line. in this conversation now.");
    say(session, "second question");
    asked = MODEL.requests().get(MODEL.requests().size() - 1);
    assertThat(asked.temperature()).isEqualTo(1.5);
    assertThat(asked.messages().get(0)).containsEntry("content", "Answer in one line.");
    assertThat(say(session, "/agent show")).contains("researcher (llm) — Answers with sources", "model: research-model", "temperature: 1.5",
        "set in this conversation: temperature 1.5, system-prompt Answer in one line.");
    // in the database every instance shares: the session's agent and its parameters
    JdbcClient jdbc = applicationContext.getBean(JdbcClient.class);
    assertThat(jdbc.sql("SELECT agent FROM sessions WHERE id = ?").param(session).query(String.class).single()).isEqualTo("researcher");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM session_parameters WHERE session_id = ?").param(session).query(Integer.class).single()).isEqualTo(2);
    assertThat(say(session, "/set --reset")).startsWith("This conversation's settings are cleared");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM session_parameters WHERE session_id = ?").param(session).query(Integer.class).single()).isZero();
  }

  @Test
  void anAgentWithAnEndpointOfItsOwnIsAskedThereAndOnlyItsUsersMayChooseIt() {
    String user = "terse-user-" + UUID.randomUUID().toString().substring(0, 8);
    String session = api.newSession(user);
    assertThat(say(session, "/agent use staff")).isEqualTo("There is no agent \"staff\" that you may use. /agent lists them.");
    say(session, "/agent use terse");
    assertThat(say(session, "/set temperature hot")).isEqualTo("temperature must be a number from 0 to 2.");
    int before = OWN_MODEL.requests().size();
    say(session, "short answer please");
    assertThat(OWN_MODEL.requests()).hasSize(before + 1);
    FakeOpenAi.Request asked = OWN_MODEL.requests().get(before);
    assertThat(asked.model()).isEqualTo("terse-model");
    assertThat(asked.authorization()).isEqualTo("Bearer terse-key");

    // the API chooses at creation: an agent the caller may not use is refused with the ones they may
    ApiClient.Response refused = api.as(user).post("/api/v1/sessions", Map.of("agent", "staff"));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().path("error").asText()).contains("there is no agent 'staff' that you may use").contains("researcher");
    assertThat(api.as("staff-" + user).post("/api/v1/sessions", Map.of("agent", "staff")).status()).isEqualTo(201);
    // and switches with PATCH, under the same rule
    HttpResponse<String> switched = api.as(user).raw(HttpRequest.newBuilder(api.uri("/api/v1/sessions/" + session))
        .header("Authorization", "Bearer " + api.keyOf(user)).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"agent\":\"researcher\"}")));
    assertThat(switched.statusCode()).isEqualTo(200);
    assertThat(switched.body()).contains("\"agent\":\"researcher\"");
    assertThat(api.as(user).raw(HttpRequest.newBuilder(api.uri("/api/v1/sessions/" + session))
        .header("Authorization", "Bearer " + api.keyOf(user)).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"agent\":\"staff\"}"))).statusCode()).isEqualTo(400);
  }

  @BeforeEach
  void client() {
    api = ApiClient.of(port, applicationContext);
  }

  abstract Path routesDir();

  String say(String session, String text) {
    ApiClient.Response response = api.say(session, text);
    assertThat(response.status()).as("%s → %s", text, response).isEqualTo(200);
    return response.body().path("text").asText();
  }

  @Test
  void helpIsGeneratedFromTheRegistrations() {
    String session = api.newSession("helper-" + UUID.randomUUID());
    int before = MODEL.requests().size();
    String help = say(session, "/help");
    assertThat(help).contains("core", "admin", "key", "/whoami", "/usage");
    assertThat(say(session, "help key")).contains("key set <apiKey> [baseUrl] [model]", "key clear");
    assertThat(say(session, "/help key set")).contains("/key set <apiKey> [baseUrl] [model]", "private chat only");
    assertThat(say(session, "/hlep")).contains("Did you mean", "help");
    assertThat(say(session, "/key sett abc")).contains("set");
    assertThat(MODEL.requests()).hasSize(before);
    // a bare line that only starts with a command word is a question for the model
    assertThat(say(session, "help me write a poem")).isEqualTo("echo: help me write a poem");
  }

  @Test
  void aYamlCommandAddedWhileRunningIsRestrictedThenGrantedThenExpired() throws Exception {
    String user = "erin-" + UUID.randomUUID().toString().substring(0, 6);
    String admin = api.newSession(ADMIN);
    String session = api.newSession(user);
    Files.createDirectories(routesDir());
    Files.writeString(routesDir().resolve("ops-scene.camel.yaml"), """
        - route:
            id: command-ops-uptime
            group: operations for the team
            description: whether the service is up
            note: "[verbose]"
            from:
              uri: direct:command.ops.uptime
              steps:
                - setBody:
                    simple: "up and running ${body}"
        """);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(say(admin, "/ops uptime now")).isEqualTo("up and running now"));
    assertThat(say(admin, "/help")).contains("ops 🔒 — operations for the team");

    assertThat(say(session, "/ops uptime")).contains("restricted", "/whoami");
    assertThat(say(admin, "grant " + user + " ops")).contains("Granted ops to api:" + user);
    assertThat(say(session, "ops uptime")).isEqualTo("up and running ");
    assertThat(say(admin, "/revoke " + user + " ops")).contains("Removed 1");
    assertThat(say(admin, "/grant " + user + " ops uptime until " + LocalDate.now().minusDays(1))).contains("Granted");
    assertThat(say(session, "/ops uptime")).contains("restricted");
    assertThat(say(admin, "/perms " + user)).contains("ops uptime until", "expired");
    // granting is for admins only
    assertThat(say(session, "/grant " + user + " ops")).contains("restricted");
    // a special line prefix may send the rest of the line to any route, here the YAML command's
    assertThat(say(api.newSession("prefixer-" + user), "> via the prefix")).isEqualTo("up and running via the prefix");
  }

  @Test
  void aGroupMessageIsAnsweredOnlyWhenAddressedAndADeniedSenderNever() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String chat = "group-" + tag;
    RawAmqp.publish(connectionFactory, "sb.ingress", "message.received.ext.grp", groupEvent("g1-" + tag, chat, "member-1", "chatter " + tag, false));
    RawAmqp.publish(connectionFactory, "sb.ingress", "message.received.ext.grp", groupEvent("g2-" + tag, chat, "spammer-7", "bot, spam " + tag, true));
    RawAmqp.publish(connectionFactory, "sb.ingress", "message.received.ext.grp", groupEvent("g3-" + tag, chat, "member-1", "bot, mentioned " + tag, true));
    // one conversation is processed in order: once the last reached the model, the first two were decided
    await().atMost(Duration.ofSeconds(30)).until(() -> !MODEL.requestsFor("mentioned " + tag).isEmpty());
    assertThat(MODEL.requestsFor("chatter " + tag)).isEmpty();
    assertThat(MODEL.requestsFor("spam " + tag)).isEmpty();
  }

  @Test
  void overTheQuotaAUserKeyLetsTheUserGoOn() {
    String user = "quota-" + UUID.randomUUID().toString().substring(0, 6);
    String session = api.newSession(user);
    assertThat(say(session, "first")).isEqualTo("echo: first");
    assertThat(say(session, "second")).isEqualTo("echo: second");
    String refused = say(session, "third " + user);
    assertThat(refused).contains("quota", "resets at", "key set");
    assertThat(MODEL.requestsFor("third " + user)).isEmpty();

    String saved = say(session, "/key set sk-own-secret-9876 " + OWN_MODEL.baseUrl() + " own-model");
    assertThat(saved).contains("…9876").doesNotContain("sk-own-secret");
    assertThat(say(session, "fourth " + user)).isEqualTo("echo: fourth " + user);
    FakeOpenAi.Request own = OWN_MODEL.requestsFor("fourth " + user).get(0);
    assertThat(own.authorization()).isEqualTo("Bearer sk-own-secret-9876");
    assertThat(own.model()).isEqualTo("own-model");
    assertThat(MODEL.requestsFor("fourth " + user)).isEmpty();
    assertThat(say(session, "key show")).contains("…9876").doesNotContain("sk-own-secret");

    // the key is kept only encrypted: the history shows it masked
    JsonNode history = api.get("/api/v1/sessions/" + session + "/messages").body();
    assertThat(history.toString()).contains("key set …9876").doesNotContain("sk-own-secret");

    assertThat(say(session, "key clear")).contains("removed");
    assertThat(say(session, "fifth " + user)).contains("quota");
  }

  @Test
  void usageIsMeteredPerUserAndShownInChatAndOverTheApi() {
    String user = "meter-" + UUID.randomUUID().toString().substring(0, 6);
    String session = api.newSession(user);
    say(session, "count me");
    assertThat(say(session, "/usage")).contains("20 prompt + 7 completion tokens in 1 answers");
    String days = "from=" + LocalDate.now().minusDays(1) + "&to=" + LocalDate.now().plusDays(1);
    JsonNode usage = api.as(user).get("/api/v1/usage?" + days).body();
    assertThat(usage.path("userId").asText()).isEqualTo(user);
    assertThat(usage.path("promptTokens").asLong()).isEqualTo(20);
    assertThat(usage.path("completionTokens").asLong()).isEqualTo(7);
    assertThat(usage.path("requests").asLong()).isEqualTo(1);
    assertThat(usage.path("byModel").get(0).path("model").asText()).isEqualTo("fake-model");
    // another user may not look; the operator may, about anyone
    assertThat(api.as("nosy-" + user).get("/api/v1/usage?userId=" + user).status()).isEqualTo(403);
    HttpResponse<String> byOperator = api.raw(HttpRequest.newBuilder(api.uri("/api/v1/usage?userId=" + user + "&platform=api&" + days))
        .header("Authorization", api.operatorAuthorization()));
    assertThat(byOperator.body()).contains("\"promptTokens\":20");
    assertThat(api.raw(HttpRequest.newBuilder(api.uri("/api/v1/usage")).header("Authorization", api.operatorAuthorization())).statusCode())
        .isEqualTo(400);
    assertThat(api.as(user).get("/api/v1/usage?from=yesterday").body().path("error").asText()).contains("from must be a date");
  }

  @Test
  void aSpecialLinePrefixSendsTheRestToItsHandler() {
    String session = api.newSession("prefix-" + UUID.randomUUID());
    String tag = UUID.randomUUID().toString().substring(0, 8);
    assertThat(say(session, "# deep question " + tag)).isEqualTo("echo: deep question " + tag);
    assertThat(MODEL.requestsFor("deep question " + tag).get(0).model()).isEqualTo("special-model");
  }

  @Test
  void theRateLimitAnswersWithANoticeWithoutCallingTheModel() {
    String session = api.newSession("rapid-" + UUID.randomUUID());
    for (int i = 0; i < 10; i++) {
      assertThat(say(session, "/whoami")).contains("user: rapid-");
    }
    assertThat(say(session, "one too many")).contains("faster than 10 per 3600 s");
    assertThat(MODEL.requestsFor("one too many")).isEmpty();
  }

  @Test
  void blockedWordsAreRefusedWithoutCallingTheModel() {
    String session = api.newSession("filtered-" + UUID.randomUUID());
    String tag = UUID.randomUUID().toString().substring(0, 8);
    assertThat(say(session, "tell me about ForbiddenWord " + tag)).isEqualTo("Sorry, I cannot help with that message.");
    assertThat(say(session, "说说禁词 " + tag)).isEqualTo("Sorry, I cannot help with that message.");
    assertThat(MODEL.requestsFor(tag)).isEmpty();
  }

  static String groupEvent(String id, String chat, String sender, String text, boolean addressed) {
    return """
        {"specversion":"1.0","type":"message.received","source":"/ext/grp","id":"%s",
         "time":"2026-01-01T00:00:00Z","subject":"ext:grp:%s","datacontenttype":"application/json",
         "data":{"chat":{"type":"group","id":"%s"},"sender":{"id":"%s","name":"Member"},
                 "parts":[{"type":"text","text":"%s"}],"meta":{"addressed":%s}}}
        """
        .formatted(id, chat, chat, sender, text, addressed)
        .replace("\n", "");
  }
}
