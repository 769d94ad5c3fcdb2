package io.switchboard.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.sandbox.DockerSandbox;
import io.switchboard.testing.ApiClient;
import io.switchboard.testing.FakeMcpServer;
import io.switchboard.testing.FakeOpenAi;
import io.switchboard.testing.FakeToolApi;
import io.switchboard.testing.LoopbackServer;
import io.switchboard.testing.StdioMcpServer;
import io.switchboard.tool.ToolRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Agents that act, end to end: the API → pipeline → the llm runner asking the fake model, which asks for tools; each
 * call travels over sb.tools to the tool route and its result back through the conversation's shard, until the model
 * answers. Subclasses choose the broker and database.
 */
abstract class ChainEndToEndTests {

  static final FakeOpenAi MODEL = LoopbackServer.start(FakeOpenAi::new);
  static final FakeToolApi TOOL_API = LoopbackServer.start(FakeToolApi::new);
  static final FakeMcpServer CALC = LoopbackServer.start(() -> new FakeMcpServer("calc", "calc-token"));

  @LocalServerPort int port;
  @Autowired ApplicationContext applicationContext;
  @Autowired ToolRegistry tools;
  ApiClient api;

  static void commonProperties(DynamicPropertyRegistry registry) {
    registry.add("switchboard.llm.base-url", MODEL::baseUrl);
    registry.add("switchboard.llm.api-key", () -> "shared-key");
    registry.add("switchboard.llm.model", () -> "fake-model");
    registry.add("switchboard.api.reply-timeout", () -> "30s");
    registry.add("switchboard.replies.progress-after", () -> "1s");
    registry.add("switchboard.replies.give-up-after", () -> "3s");
    registry.add("switchboard.agents.default.tools", () -> "current_time,fetch_url,weather,forget_city,run_code,calc.*,desk.*,gone.*");
    // run_code asks first by default; this agent's operator lets it run without asking
    registry.add("switchboard.agents.default.unconfirmed", () -> "run_code");
    registry.add("switchboard.sandbox.limits.timeout", () -> "3s");
    registry.add("switchboard.streaming.interval", () -> "0ms");
    // MCP servers: one over streamable HTTP with a bearer token, one a stdio child process, one that is not there
    registry.add("switchboard.mcp.servers.calc.url", CALC::url);
    registry.add("switchboard.mcp.servers.calc.headers.Authorization", () -> "Bearer calc-token");
    List<String> desk = StdioMcpServer.command("desk");
    for (int i = 0; i < desk.size(); i++) {
      String argument = desk.get(i);
      registry.add("switchboard.mcp.servers.desk.command[" + i + "]", () -> argument);
    }
    registry.add("switchboard.mcp.servers.gone.url", () -> "http://127.0.0.1:9/mcp");
    registry.add("switchboard.mcp.servers.gone.timeout", () -> "2s");
    registry.add("switchboard.mcp.check-interval", () -> "1s");
    // a tool with side effects: it runs only once the user who asked confirms; and loopback, where the fakes listen,
    // allowed to the guarded client
    TOOL_API.declareForgetCity(registry);
    registry.add("switchboard.tools.confirm-timeout", () -> "4s");
    registry.add("switchboard.tools.confirm-sweep", () -> "1s");
    registry.add("switchboard.tools.http.weather.description", () -> "Today's forecast for a city");
    registry.add("switchboard.tools.http.weather.url", () -> TOOL_API.url("/weather/{city}"));
    registry.add("switchboard.tools.http.weather.parameters.type", () -> "object");
    registry.add("switchboard.tools.http.weather.parameters.properties.city.type", () -> "string");
    registry.add("switchboard.tools.http.weather.parameters.required[0]", () -> "city");
    // agents that hand questions to others (ask_agent): one that may, the ones it asks, one nobody here may use,
    // one whose service is down, and one that asks itself (the depth cap ends it)
    registry.add("switchboard.agents.asker.tools", () -> "ask_agent,current_time");
    registry.add("switchboard.agents.helper.description", () -> "Knows the tides");
    registry.add("switchboard.agents.helper.system-prompt", () -> "You are the harbour helper.");
    registry.add("switchboard.agents.staff.allow", () -> "api:staff-*");
    registry.add("switchboard.agents.down.runner", () -> "webhook");
    registry.add("switchboard.agents.down.webhook.url", () -> "http://127.0.0.1:9/agent");
    registry.add("switchboard.agents.down.webhook.secret", () -> "down-secret");
    registry.add("switchboard.agents.loop.tools", () -> "ask_agent");
  }

  @BeforeEach
  void client() {
    api = ApiClient.of(port, applicationContext);
  }

  @Test
  void aThreeStepChainWithTwoCallsInOneAnswerAnswersWithEveryResult() {
    String session = api.newSession("tina");
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String page = TOOL_API.url("/page");
    int weatherBefore = TOOL_API.requests().size();
    ApiClient.Response reply = api.say(session, tag + " [[tools=current_time{\"timezone\":\"Asia/Tokyo\"}+weather{\"city\":\"Paris\"}"
        + "|weather{\"city\":\"Oslo\"}|fetch_url{\"url\":\"" + page + "\"}]]");

    assertThat(reply.status()).isEqualTo(200);
    String text = reply.body().path("text").asText();
    assertThat(text).startsWith("tools said: ").contains("[Asia/Tokyo]", "sunny, 21 C", "snow, -3 C", "Harbour news", "The 9:15 ferry runs late today.")
        .doesNotContain("var x");
    List<String> tools = new ArrayList<>();
    reply.body().path("steps").forEach(step -> tools.add(step.path("tool").asText()));
    assertThat(tools).containsExactly("current_time", "weather", "weather", "fetch_url");
    assertThat(reply.body().path("steps").get(1).path("arguments").asText()).contains("Paris");
    // four model calls (three asking for tools, one answering); each tool ran once; the answer meters all four
    assertThat(MODEL.requestsFor(tag)).hasSize(4);
    int promptTokens = MODEL.requestsFor(tag).stream().mapToInt(r -> 10 * r.messages().size()).sum();
    assertThat(reply.body().path("usage").path("promptTokens").asInt()).isEqualTo(promptTokens);
    assertThat(reply.body().path("usage").path("completionTokens").asInt()).isEqualTo(4 * 7);
    assertThat(MODEL.requestsFor(tag).get(0).tools()).contains("current_time", "fetch_url", "forget_city", "weather").doesNotContain("subscribe_feed");
    assertThat(TOOL_API.requests().subList(weatherBefore, TOOL_API.requests().size())).containsExactlyInAnyOrder("/weather/Paris", "/weather/Oslo", "/page");

    // the history shows the user's message, every call and result, then the answer
    JsonNode history = api.get("/api/v1/sessions/" + session + "/messages").body();
    List<String> roles = new ArrayList<>();
    history.forEach(m -> roles.add(m.path("role").asText()));
    assertThat(roles).containsExactly("user", "tool_call", "tool_result", "tool_call", "tool_result", "tool_call", "tool_result",
        "tool_call", "tool_result", "assistant");
  }

  @Test
  void aChainsFinalAnswerIsStreamedToACallerWatchingAfterItsToolsRan() {
    String session = api.newSession("sue");
    String tag = UUID.randomUUID().toString().substring(0, 8);
    List<ApiClient.Event> events = api.sayStreaming(session, tag + " [[tools=weather{\"city\":\"Paris\"}]]");
    JsonNode reply = events.get(events.size() - 1).data();
    assertThat(events.get(events.size() - 1).name()).isEqualTo("reply");
    String answer = reply.path("text").asText();
    assertThat(answer).startsWith("tools said: ").contains("sunny, 21 C");
    assertThat(reply.path("steps").get(0).path("tool").asText()).isEqualTo("weather");
    // the step that asked for the tool wrote no text; the answer after it was streamed
    List<String> partials = events.stream().filter(e -> e.name().equals("partial")).map(e -> e.data().path("text").asText()).toList();
    assertThat(partials).isNotEmpty().allSatisfy(text -> assertThat(answer).startsWith(text));
  }

  @Test
  void aToolThatFailsOrDoesNotExistGivesTheModelAnErrorNotTheUser() {
    String session = api.newSession("uma");
    String tag = UUID.randomUUID().toString().substring(0, 8);
    ApiClient.Response reply = api.say(session, tag + " [[tools=weather{\"city\":\"Atlantis\"}+launch_rockets{}]]");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().path("text").asText())
        .contains("error: HTTP 404", "error: there is no tool named launch_rockets")
        .doesNotContain("Exception");
    assertThat(reply.body().path("error").asBoolean()).isFalse();
  }

  @Test
  void theDepthCapStopsARunawayChainWithAClearMessage() {
    String session = api.newSession("vera");
    String tag = UUID.randomUUID().toString().substring(0, 8);
    ApiClient.Response reply = api.say(session, tag + " [[tools=current_time{}|*]]");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().path("error").asBoolean()).isTrue();
    assertThat(reply.body().path("text").asText()).contains("deeper than 5 levels");
    // five steps ran their call; the sixth request for tools was refused
    assertThat(reply.body().path("steps")).hasSize(5);
    assertThat(MODEL.requestsFor(tag)).hasSize(6);
  }

  @Test
  void anAgentAsksAnotherOverTheBusAndAnswersWithItsReply() {
    String session = api.newSession("ida");
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String question = UUID.randomUUID().toString().substring(0, 8) + " when is high tide?";
    ApiClient.Response reply = api.say(session, "@asker " + tag + " [[tools=ask_agent{\"agent\":\"helper\",\"question\":\"" + question + "\"}]]");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().path("text").asText()).isEqualTo("tools said: echo: " + question);
    assertThat(reply.body().path("steps").get(0).path("tool").asText()).isEqualTo("ask_agent");
    assertThat(MODEL.requestsFor(tag).get(0).tools()).contains("ask_agent");
    // the helper answered with its own system prompt, and saw the question only, not the asking conversation
    List<FakeOpenAi.Request> asked = MODEL.requestsFor(question).stream().filter(r -> !r.lastUserText().contains(tag)).toList();
    assertThat(asked).hasSize(1);
    assertThat(asked.get(0).contents()).containsExactly("You are the harbour helper.", question);
    // the helper's tokens are metered with the answer the user got
    int promptTokens = MODEL.requestsFor(tag).stream().mapToInt(r -> 10 * r.messages().size()).sum() + 10 * asked.get(0).messages().size();
    assertThat(reply.body().path("usage").path("promptTokens").asInt()).isEqualTo(promptTokens);
    // the question and its answer are the call and its result in the conversation, not messages of their own
    List<String> roles = new ArrayList<>();
    api.get("/api/v1/sessions/" + session + "/messages").body().forEach(m -> roles.add(m.path("role").asText()));
    assertThat(roles).containsExactly("user", "tool_call", "tool_result", "assistant");
  }

  @Test
  void aCallerWatchingSeesTheAskingAgentsAnswerWrittenAndNothingOfTheQuestionInTheHistory() {
    String session = api.newSession("ivo");
    String tag = UUID.randomUUID().toString().substring(0, 8);
    // the helper takes 1.5 s, past progress-after: its "still working" notice goes to the caller's instance, not to
    // the session as a push
    String question = UUID.randomUUID().toString().substring(0, 8) + " slowly [[delay=1500]]";
    List<ApiClient.Event> events = api.sayStreaming(session,
        "@asker " + tag + " [[tools=ask_agent{\"agent\":\"helper\",\"question\":\"" + question + "\"}]]");
    String answer = events.get(events.size() - 1).data().path("text").asText();
    assertThat(answer).isEqualTo("tools said: echo: " + question);
    assertThat(events.stream().filter(e -> e.name().equals("partial")).map(e -> e.data().path("text").asText()))
        .isNotEmpty().allSatisfy(text -> assertThat(answer).startsWith(text));
    List<String> roles = new ArrayList<>();
    api.get("/api/v1/sessions/" + session + "/messages").body().forEach(m -> roles.add(m.path("role").asText()));
    assertThat(roles).containsExactly("user", "tool_call", "tool_result", "assistant");
  }

  @Test
  void agentsAskingEachOtherStopAtTheDepthCap() {
    String session = api.newSession("jay");
    String tag = UUID.randomUUID().toString().substring(0, 8);
    ApiClient.Response reply = api.say(session, "@loop " + tag + " [[ask=loop]]");

    assertThat(reply.status()).isEqualTo(200);
    // five questions, each one level deeper; the sixth agent's request was refused, and each asking agent answered
    assertThat(reply.body().path("text").asText()).startsWith("tools said: tools said: ").contains("deeper than 5 levels");
    assertThat(MODEL.requestsFor(tag)).hasSize(6 + 5);
  }

  @Test
  void aQuestionThatCannotBePutComesBackToTheModelAsAnError() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    // the default agent was not given ask_agent
    ApiClient.Response refused = api.say(api.newSession("kim"), tag + " [[tools=ask_agent{\"agent\":\"helper\",\"question\":\"hi\"}]]");
    assertThat(refused.body().path("text").asText()).contains("error: the tool ask_agent is not available to this agent");
    // an agent that does not exist, and one this user may not use, are the same to the model: not there
    ApiClient.Response unknown = api.say(api.newSession("kim"), "@asker " + tag
        + " [[tools=ask_agent{\"agent\":\"nobody\",\"question\":\"hi\"}+ask_agent{\"agent\":\"staff\",\"question\":\"hi\"}]]");
    assertThat(unknown.body().path("text").asText()).contains("error: There is no agent \"nobody\"", "error: There is no agent \"staff\"");
    assertThat(unknown.body().path("error").asBoolean()).isFalse();
  }

  @Test
  void anAgentThatFailsToAnswerGivesTheAskingModelTheFailureNotTheUser() {
    String session = api.newSession("lou");
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String question = UUID.randomUUID().toString().substring(0, 8);
    ApiClient.Response reply = api.say(session, "@asker " + tag + " [[tools=ask_agent{\"agent\":\"down\",\"question\":\"" + question + "\"}]]");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().path("text").asText()).isEqualTo("tools said: error: the agent down failed to answer; try without it");
    assertThat(reply.body().path("error").asBoolean()).isFalse();
    // the question itself is kept as a dead letter, with the reason, for the operator
    await().atMost(Duration.ofSeconds(20)).until(() -> api.deadLetterFor(question) != null);
    assertThat(api.deadLetterFor(question).path("body").asText()).contains("agent.question");
  }

  @Test
  void aCallThatNeedsConfirmationRunsOnlyOnceItsUserConfirms() {
    String session = api.newSession("xena");
    String tag = UUID.randomUUID().toString().substring(0, 8);
    long before = deletes("Oslo"); // the fakes outlive a test class: count from here
    ApiClient.Response asked = api.say(session, tag + " [[tools=forget_city{\"city\":\"Oslo\"}]]");
    assertThat(asked.body().path("text").asText()).contains("forget_city", "Oslo", "/confirm ", "/cancel ");
    String id = asked.body().path("confirmations").get(0).path("id").asText();
    assertThat(deletes("Oslo")).isEqualTo(before);
    assertThat(api.say(session, "/pending").body().path("text").asText()).contains(id, "forget_city");

    // another user cannot decide it, even knowing the id
    assertThat(api.as("yuri").say(api.as("yuri").newSession("yuri"), "/confirm " + id).body().path("text").asText())
        .contains("no confirmation \"" + id + "\"");
    assertThat(deletes("Oslo")).isEqualTo(before);

    assertThat(api.say(session, "/confirm " + id).body().path("text").asText()).contains("Running forget_city");
    await().atMost(Duration.ofSeconds(20)).until(() -> lastAnswer(session).startsWith("tools said: "));
    assertThat(deletes("Oslo")).isEqualTo(before + 1);
    // decided once: a second confirmation changes nothing
    assertThat(api.say(session, "/confirm " + id).body().path("text").asText()).contains("already answered");
    assertThat(deletes("Oslo")).isEqualTo(before + 1);
  }

  @Test
  void aCancelledCallDoesNotRunAndTheModelHearsItWasDeclined() {
    String session = api.newSession("zoe");
    String tag = UUID.randomUUID().toString().substring(0, 8);
    long before = deletes("Lima");
    String id = api.say(session, tag + " [[tools=forget_city{\"city\":\"Lima\"}]]").body().path("confirmations").get(0).path("id").asText();
    assertThat(api.say(session, "/cancel " + id).body().path("text").asText()).contains("Cancelled");
    await().atMost(Duration.ofSeconds(20)).until(() -> lastAnswer(session).startsWith("tools said: "));
    assertThat(lastAnswer(session)).contains("error: the user declined this call");
    assertThat(deletes("Lima")).isEqualTo(before);
  }

  @Test
  void anUnansweredConfirmationExpiresAndEndsTheChain() {
    String session = api.newSession("abe");
    String tag = UUID.randomUUID().toString().substring(0, 8);
    long before = deletes("Rome");
    String id = api.say(session, tag + " [[tools=forget_city{\"city\":\"Rome\"}]]").body().path("confirmations").get(0).path("id").asText();
    JdbcClient jdbc = applicationContext.getBean(JdbcClient.class);
    await().atMost(Duration.ofSeconds(20)).until(() -> "EXPIRED".equals(
        jdbc.sql("SELECT status FROM confirmations WHERE id = ?").param(id).query(String.class).single()));
    assertThat(jdbc.sql("SELECT c.status FROM chains c JOIN confirmations f ON f.chain_id = c.id WHERE f.id = ?").param(id)
        .query(String.class).single()).isEqualTo("ENDED");
    assertThat(api.say(session, "/confirm " + id).body().path("text").asText()).contains("has expired");
    assertThat(deletes("Rome")).isEqualTo(before);
  }

  private long deletes(String city) {
    return TOOL_API.requests().stream().filter(r -> r.equals("DELETE /weather/" + city)).count();
  }

  private String lastAnswer(String session) {
    JsonNode history = api.get("/api/v1/sessions/" + session + "/messages").body();
    String last = "";
    for (JsonNode message : history) {
      if (message.path("role").asText().equals("assistant")) {
        last = message.path("text").asText();
      }
    }
    return last;
  }

  @Test
  void aChainGivenUpMidwayIsEndedSoThatNothingStartsItAgain() {
    String session = api.newSession("vic");
    String tag = UUID.randomUUID().toString().substring(0, 8);
    // the model answers its first step at once, and takes 6 s over the second: past give-up-after (3 s)
    ApiClient.Response reply = api.say(session, tag + " [[slow-after=1:6000]] [[tools=weather{\"city\":\"Paris\"}]]");
    assertThat(reply.body().path("text").asText()).startsWith("This took longer than 3 s, so I stopped.");
    assertThat(reply.body().path("error").asBoolean()).isTrue();
    JdbcClient jdbc = applicationContext.getBean(JdbcClient.class);
    assertThat(jdbc.sql("SELECT status FROM chains WHERE session_id = ?").param(session).query(String.class).single()).isEqualTo("ENDED");
    assertThat(MODEL.requestsFor(tag)).hasSize(2);
  }

  @Test
  void runCodeRunsTheModelsProgramInTheSandboxAndTheModelReadsWhatHappened() {
    String session = api.newSession("wanda");
    String tag = UUID.randomUUID().toString().substring(0, 8);
    ApiClient.Response reply = api.say(session, tag + " [[tools=run_code{\"language\":\"python\",\"code\":\"print(sum(range(10)))\"}"
        + "|run_code{\"language\":\"shell\",\"code\":\"wc -w < words.txt; exit 4\",\"files\":{\"words.txt\":\"one two three\"}}"
        + "|run_code{\"language\":\"python\",\"code\":\"while True: pass\"}]]");
    String text = reply.body().path("text").asText();
    assertThat(text).startsWith("tools said: exit 0 in ").contains("--- stdout ---\n45\n / exit 4 in ", "--- stdout ---\n3\n / ")
        .endsWith(" / killed: time limit 3 s");
    assertThat(reply.body().path("steps").get(0).path("tool").asText()).isEqualTo("run_code");
    assertThat(reply.body().has("confirmations")).isFalse(); // this agent runs it without asking
  }

  @Test
  void runIsForUsersGrantedTheSandboxSceneAndRunsTheirCode() {
    String session = api.newSession("xavier");
    assertThat(api.say(session, "/run python print(6 * 7)").body().path("text").asText()).contains("restricted");

    api.makeAdmin("root-" + port);
    ApiClient admin = api.as("root-" + port);
    String adminSession = admin.newSession("root-" + port);
    assertThat(admin.say(adminSession, "/grant xavier sandbox").body().path("text").asText()).contains("Granted sandbox");
    String text = api.say(session, "/run python\n```python\nimport sys\nprint(6 * 7)\nsys.exit(2)\n```").body().path("text").asText();
    assertThat(text).startsWith("exit 2 in ").endsWith("--- stdout ---\n42\n");
    assertThat(api.say(session, "/run cobol DISPLAY 1").body().path("text").asText()).contains("Languages: python, shell");
  }

  @Test
  void runAnswersWithTheFilesTheCodeWroteBehindLinksThatOpenNothingElse() {
    String user = sandboxUser("ruth");
    ApiClient ruth = api.as(user);
    String session = api.newSession(user);
    ApiClient.Response reply = ruth.say(session, "/run python\nwith open('squares.csv', 'w') as f:\n"
        + "    f.write('n,square\\n' + ''.join(f'{n},{n * n}\\n' for n in range(1, 4)))\nprint('written')");
    assertThat(reply.body().path("text").asText()).startsWith("exit 0 in ").contains("; files: squares.csv (21 B)").endsWith("--- stdout ---\nwritten\n");
    JsonNode file = reply.body().path("files").get(0);
    assertThat(file.path("name").asText()).isEqualTo("squares.csv");
    assertThat(file.path("type").asText()).isEqualTo("file");
    assertThat(file.path("mimeType").asText()).isEqualTo("text/csv");
    String link = file.path("url").asText();
    HttpResponse<String> download = download(link);
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo("n,square\n1,1\n2,4\n3,9\n");
    assertThat(download.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment;");
    assertThat(download.headers().firstValue("X-Content-Type-Options")).contains("nosniff");

    // the attack: the link with its name, its type, its file or its signature changed opens nothing
    String sha = link.replaceAll(".*/files/([0-9a-f]{64})/.*", "$1");
    String otherFile = sha.substring(0, 63) + (sha.charAt(63) == '0' ? '1' : '0');
    String signature = link.substring(link.indexOf("signature=") + "signature=".length());
    for (String altered : List.of(link.replace("squares.csv", "squares.html"), link.replace("type=text%2Fcsv", "type=text%2Fhtml"),
        link.replace(sha, otherFile), link.replace("signature=" + signature, "signature=" + (signature.charAt(0) == 'A' ? 'B' : 'A') + signature.substring(1)))) {
      HttpResponse<String> refused = download(altered);
      assertThat(refused.statusCode()).as(altered).isEqualTo(403);
      assertThat(refused.body()).contains("the link's signature does not match");
    }

    // the run travelled the bus as a call of its own: a direct chain of one call, started once
    JdbcClient jdbc = applicationContext.getBean(JdbcClient.class);
    assertThat(jdbc.sql("SELECT t.tool, t.attempts, c.direct FROM chains c JOIN tool_calls t ON t.chain_id = c.id WHERE c.session_id = ?")
        .param(session).query((rs, n) -> rs.getString(1) + " " + rs.getInt(2) + " " + rs.getBoolean(3)).list())
        .containsExactly("run_code 1 true");
  }

  @Test
  void filesARunCodeCallWritesComeWithTheChainsAnswer() {
    String session = api.newSession("rosa");
    String tag = UUID.randomUUID().toString().substring(0, 8);
    ApiClient.Response reply = api.say(session, tag + " [[tools=run_code{\"language\":\"shell\",\"code\":\"seq 3 > numbers.txt\"}]]");
    assertThat(reply.body().path("text").asText()).startsWith("tools said: exit 0 in ").contains("; files: numbers.txt (6 B)");
    JsonNode file = reply.body().path("files").get(0);
    assertThat(file.path("name").asText()).isEqualTo("numbers.txt");
    assertThat(download(file.path("url").asText()).body()).isEqualTo("1\n2\n3\n");
  }

  @Test
  void runsBeyondMaxConcurrentWaitInTheQueueNotInAnInstancesMemory() throws Exception {
    String user = sandboxUser("rita");
    ApiClient rita = api.as(user);
    String session = api.newSession(user);
    DockerSandbox sandbox = applicationContext.getBean(DockerSandbox.class);
    long waitsBefore = sandbox.slotWaits();
    String code = "/run python\nimport time\nstart = time.time()\ntime.sleep(1)\nprint(start, time.time())";
    List<Future<ApiClient.Response>> replies = new ArrayList<>();
    try (ExecutorService users = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 8; i++) {
        replies.add(users.submit(() -> rita.say(session, code)));
      }
    }
    List<double[]> spans = new ArrayList<>();
    for (Future<ApiClient.Response> reply : replies) {
      String text = reply.get().body().path("text").asText();
      assertThat(text).startsWith("exit 0 in ");
      String[] times = text.substring(text.indexOf("--- stdout ---\n") + 15).strip().split(" ");
      spans.add(new double[] {Double.parseDouble(times[0]), Double.parseDouble(times[1])});
    }
    int most = 0;
    for (double[] span : spans) {
      most = Math.max(most, (int) spans.stream().filter(other -> other[0] <= span[0] && span[0] < other[1]).count());
    }
    assertThat(most).isBetween(1, sandbox.settings().maxConcurrent());
    // each run was taken from sb.sandbox only when a slot was free: none waited in memory
    assertThat(sandbox.slotWaits()).isEqualTo(waitsBefore);
  }

  /** A user granted the sandbox scene. */
  private String sandboxUser(String name) {
    String user = name + "-" + port;
    api.makeAdmin("root-" + port);
    ApiClient admin = api.as("root-" + port);
    String adminSession = admin.newSession("root-" + port);
    api.newSession(user); // creates the user and their key
    assertThat(admin.say(adminSession, "/grant " + user + " sandbox").body().path("text").asText()).contains("Granted sandbox");
    return user;
  }

  private HttpResponse<String> download(String link) {
    return api.anonymous().raw(HttpRequest.newBuilder(api.uri(link)).GET());
  }

  @Test
  void toolsListsWhatTheAgentMayCall() {
    String session = api.newSession("wes");
    String text = api.say(session, "/tools").body().path("text").asText();
    assertThat(text).contains("current_time", "fetch_url", "weather — Today's forecast for a city").contains("forget_city").doesNotContain("subscribe_feed");
  }

  private void awaitMcpTools(String... names) {
    await().atMost(Duration.ofSeconds(30)).until(() -> List.of(names).stream().allMatch(name -> tools.get(name).isPresent()));
  }

  @Test
  void mcpToolsOverHttpAndStdioAreOfferedUnderTheirServersNameAndCalledOverTheBus() {
    awaitMcpTools("calc.add", "desk.add");
    String session = api.newSession("xena");
    String tag = UUID.randomUUID().toString().substring(0, 8);
    int callsBefore = CALC.calls().size();
    ApiClient.Response reply = api.say(session, tag + " [[tools=calc__add{\"a\":2,\"b\":3}+desk__add{\"a\":4,\"b\":5}|calc__fail{}]]");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().path("text").asText()).isEqualTo("tools said: 5 / 9 / error: the disk is full");
    List<String> steps = new ArrayList<>();
    reply.body().path("steps").forEach(step -> steps.add(step.path("tool").asText()));
    assertThat(steps).containsExactly("calc.add", "desk.add", "calc.fail");
    // the model is offered OpenAI-valid names (the fake answers 400 to any other); the server that is down offers none
    assertThat(MODEL.requestsFor(tag).get(0).tools()).contains("calc__add", "calc__unlock", "desk__add").noneMatch(name -> name.startsWith("gone"));
    assertThat(CALC.calls().subList(callsBefore, CALC.calls().size())).containsExactly("add", "fail");
  }

  @Test
  void whenAnMcpServerSaysItsListChangedTheNextTurnIsOfferedItsNewTool() {
    awaitMcpTools("calc.unlock");
    String session = api.newSession("yuri");
    String vault = "v" + UUID.randomUUID().toString().substring(0, 6);
    String first = UUID.randomUUID().toString().substring(0, 8);
    assertThat(api.say(session, first + " [[tools=calc__unlock{\"name\":\"" + vault + "\"}]]").body().path("text").asText())
        .isEqualTo("tools said: unlocked vault_" + vault);
    assertThat(MODEL.requestsFor(first).get(0).tools()).doesNotContain("calc__vault_" + vault);

    String second = UUID.randomUUID().toString().substring(0, 8);
    assertThat(api.say(session, second + " [[tools=calc__vault_" + vault + "{}]]").body().path("text").asText())
        .isEqualTo("tools said: the vault holds 3 gold coins");
    assertThat(MODEL.requestsFor(second).get(0).tools()).contains("calc__vault_" + vault);
  }

  @Test
  void anMcpServerThatIsDownWithholdsOnlyItsOwnTools() {
    awaitMcpTools("calc.add", "desk.add");
    assertThat(tools.all().keySet()).noneMatch(name -> name.startsWith("gone."));
    String session = api.newSession("zoe");
    String text = api.say(session, "/tools").body().path("text").asText();
    assertThat(text).contains("calc.add", "desk.add", "current_time").doesNotContain("gone.");
  }
}
