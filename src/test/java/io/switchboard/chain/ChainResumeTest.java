package io.switchboard.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.SwitchboardApplication;
import io.switchboard.channel.LocalConversations;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.testing.FakeOpenAi;
import io.switchboard.testing.FakeToolApi;
import io.switchboard.testing.LoopbackServer;
import io.switchboard.testing.RealInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A chain outlives its instance: on RabbitMQ and PostgreSQL, the instance that started a chain goes away while its
 * first tool call waits on sb.tools; another instance runs that call, continues the chain through its next step and
 * answers. A call delivered twice runs once. A confirmation asked before a restart is answered on another instance.
 */
class ChainResumeTest {

  static final FakeOpenAi MODEL = LoopbackServer.start(FakeOpenAi::new);
  static final FakeToolApi TOOL_API = LoopbackServer.start(FakeToolApi::new);
  static String db;

  @BeforeAll
  static void infrastructure() throws Exception {
    RealInfrastructure.freshVirtualHost();
    db = RealInfrastructure.freshSchema();
  }

  @AfterAll
  static void dropSchema() throws Exception {
    RealInfrastructure.dropSchema(db);
  }

  @Test
  void anotherInstanceResumesAChainWithoutRepeatingACall() throws Exception {
    ConversationKey key = new ConversationKey("api", "default", "resume-" + System.nanoTime());
    String text = "forecasts [[tools=weather{\"city\":\"Paris\"}|weather{\"city\":\"Oslo\"}]]";
    String requested;
    try (ConfigurableApplicationContext first = start("first")) {
      // the first instance takes no tool calls: its chain's first call waits on the bus when it goes away
      first.getBean(CamelContext.class).getRouteController().stopRoute("tool-calls");
      first.getBean(LocalConversations.class).tell(key, new Envelope.Sender("ada", null), text, Map.of());
      AmqpAdmin admin = first.getBean(AmqpAdmin.class);
      await().atMost(Duration.ofSeconds(20)).until(() -> admin.getQueueInfo("sb.tools").getMessageCount() == 1);
      // a copy of the waiting call, as a broker redelivers one whose consumer died after running it
      requested = new String(first.getBean(RabbitTemplate.class).receive("sb.tools", 5000).getBody(), java.nio.charset.StandardCharsets.UTF_8);
      first.getBean(RabbitTemplate.class).convertAndSend("sb.tools", "call", requested);
      first.getBean(RabbitTemplate.class).convertAndSend("sb.tools", "call", requested);
    }
    assertThat(TOOL_API.requests()).doesNotContain("/weather/Paris");

    try (ConfigurableApplicationContext second = start("second")) {
      JdbcClient jdbc = second.getBean(JdbcClient.class);
      await().atMost(Duration.ofSeconds(30)).until(() -> roles(jdbc, key).contains("assistant"));
      assertThat(roles(jdbc, key)).containsExactly("user", "tool_call", "tool_result", "tool_call", "tool_result", "assistant");
      assertThat(texts(jdbc, key).get(5)).isEqualTo("tools said: {\"city\":\"Paris\",\"forecast\":\"sunny, 21 C\"} / {\"city\":\"Oslo\",\"forecast\":\"snow, -3 C\"}");
      // each call ran once, although the first was delivered twice
      assertThat(TOOL_API.requests().stream().filter(r -> r.startsWith("/weather/"))).containsExactly("/weather/Paris", "/weather/Oslo");
      assertThat(MODEL.requestsFor("forecasts")).hasSize(3);
    }
  }

  @Test
  void aConfirmationAskedBeforeARestartIsConfirmedOnAnotherInstance() throws Exception {
    ConversationKey key = new ConversationKey("api", "default", "confirm-" + System.nanoTime());
    Envelope.Sender bea = new Envelope.Sender("bea", null);
    String id;
    try (ConfigurableApplicationContext first = start("asks")) {
      Envelope asked = first.getBean(LocalConversations.class)
          .ask(key, bea, "forget [[tools=forget_city{\"city\":\"Oslo\"}]]", Map.of(), Duration.ofSeconds(30)).get();
      assertThat(asked.text()).contains("/confirm ");
      id = first.getBean(JdbcClient.class).sql("SELECT id FROM confirmations WHERE status = 'PENDING' AND conversation_key = ?")
          .param(key.toString()).query(String.class).single();
    }
    assertThat(TOOL_API.requests()).doesNotContain("DELETE /weather/Oslo");

    try (ConfigurableApplicationContext second = start("confirms")) {
      // another user's confirmation is refused; the starter's runs the call and the chain answers
      LocalConversations conversations = second.getBean(LocalConversations.class);
      assertThat(conversations.ask(key, new Envelope.Sender("cid", null), "/confirm " + id, Map.of(), Duration.ofSeconds(30)).get().text())
          .contains("no confirmation");
      assertThat(conversations.ask(key, bea, "/confirm " + id, Map.of(), Duration.ofSeconds(30)).get().text()).contains("Running forget_city");
      JdbcClient jdbc = second.getBean(JdbcClient.class);
      await().atMost(Duration.ofSeconds(30)).until(() -> texts(jdbc, key).stream().anyMatch(t -> t.startsWith("tools said: ")));
      assertThat(TOOL_API.requests().stream().filter("DELETE /weather/Oslo"::equals)).hasSize(1);
    }
  }

  @Test
  void aCallWhoseInstanceDiedTwiceIsNotStartedAgainAndIsDeadLettered() throws Exception {
    ConversationKey key = new ConversationKey("api", "default", "doomed-" + System.nanoTime());
    try (ConfigurableApplicationContext first = start("doomed")) {
      first.getBean(CamelContext.class).getRouteController().stopRoute("tool-calls");
      first.getBean(LocalConversations.class).tell(key, new Envelope.Sender("dan", null), "doomed [[tools=weather{\"city\":\"Paris\"}]]", Map.of());
      AmqpAdmin admin = first.getBean(AmqpAdmin.class);
      await().atMost(Duration.ofSeconds(20)).until(() -> admin.getQueueInfo("sb.tools").getMessageCount() == 1);
      // as if two instances had started the call and died in it, one after the other
      first.getBean(JdbcClient.class).sql("UPDATE tool_calls SET attempts = 2 WHERE tool = 'weather' AND result IS NULL").update();
    }
    int before = TOOL_API.requests().size();
    try (ConfigurableApplicationContext second = start("after-doomed")) {
      JdbcClient jdbc = second.getBean(JdbcClient.class);
      await().atMost(Duration.ofSeconds(30)).until(() -> roles(jdbc, key).contains("assistant"));
      assertThat(texts(jdbc, key).get(texts(jdbc, key).size() - 1))
          .isEqualTo("tools said: error: the call of weather was started 2 times and its instance stopped each time; it is not run again");
      assertThat(TOOL_API.requests().subList(before, TOOL_API.requests().size())).isEmpty();
      await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("SELECT COUNT(*) FROM dead_letters WHERE reason LIKE '%started 2 times%'")
          .query(Integer.class).single() == 1);
      assertThat(jdbc.sql("SELECT failed_in FROM dead_letters WHERE reason LIKE '%started 2 times%'").query(String.class).single())
          .isEqualTo("tool-calls");
    }
  }

  private static ConfigurableApplicationContext start(String name) throws Exception {
    Path data = Files.createTempDirectory("switchboard-chain-" + name + "-");
    return new SpringApplicationBuilder(SwitchboardApplication.class)
        .web(WebApplicationType.NONE)
        .run(
            "--switchboard.data-dir=" + data,
            "--switchboard.routes-dir=" + data.resolve("routes"),
            "--camel.main.routes-reload-enabled=false",
            "--spring.jmx.enabled=false",
            "--switchboard.broker.url=" + RealInfrastructure.brokerUrl(),
            "--switchboard.db.url=" + db,
            "--switchboard.db.username=" + RealInfrastructure.POSTGRES_USER,
            "--switchboard.llm.base-url=" + MODEL.baseUrl(),
            "--switchboard.agents.default.tools=weather,forget_city",
            "--switchboard.tools.http.forget_city.method=DELETE",
            "--switchboard.tools.http.forget_city.url=" + TOOL_API.url("/weather/{city}"),
            "--switchboard.tools.http.forget_city.confirm=true",
            "--switchboard.tools.http.weather.url=" + TOOL_API.url("/weather/{city}"),
            "--switchboard.tools.http.weather.parameters.type=object",
            "--switchboard.tools.http.weather.parameters.properties.city.type=string",
            "--switchboard.outbound.allow=127.0.0.1");
  }

  private static List<String> roles(JdbcClient jdbc, ConversationKey key) {
    return column(jdbc, key, "role");
  }

  private static List<String> texts(JdbcClient jdbc, ConversationKey key) {
    return column(jdbc, key, "text");
  }

  private static List<String> column(JdbcClient jdbc, ConversationKey key, String column) {
    return jdbc.sql("SELECT m." + column + " FROM messages m JOIN sessions s ON s.id = m.session_id WHERE s.conversation_key = ? ORDER BY m.id")
        .param(key.toString())
        .query(String.class)
        .list();
  }
}
