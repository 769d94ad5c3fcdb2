package io.switchboard.spine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.SwitchboardApplication;
import io.switchboard.channel.LocalConversations;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.testing.FakeOpenAi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Embedded mode keeps queued messages (Qpid's Derby store), the history and a conversation's choice of agent and
 * parameters (H2) over a restart.
 */
class RestartDurabilityTest {

  @Test
  void aQueuedMessageAndTheHistorySurviveARestart() throws Exception {
    Path data = Files.createTempDirectory("switchboard-restart-");
    ConversationKey answered = new ConversationKey("api", "default", "before-restart");
    ConversationKey queued = new ConversationKey("api", "default", "queued-over-restart");
    Envelope.Sender sender = new Envelope.Sender("henry", null);

    try (FakeOpenAi model = new FakeOpenAi()) {
      try (ConfigurableApplicationContext first = start(data, model)) {
        LocalConversations conversations = first.getBean(LocalConversations.class);
        assertThat(conversations.ask(answered, sender, "hello", Map.of(), Duration.ofSeconds(30)).get().text()).isEqualTo("echo: hello");

        // the pipeline stops consuming; the next event waits in its shard queue when the process ends
        first.getBean(CamelContext.class).getRouteController().stopRoute("pipeline-consumer");
        conversations.tell(queued, sender, "are you still there?", Map.of());
        AmqpAdmin admin = first.getBean(AmqpAdmin.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> queuedInPipeline(admin) == 1);
      }

      try (ConfigurableApplicationContext second = start(data, model)) {
        JdbcClient jdbc = second.getBean(JdbcClient.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> history(jdbc, queued).size() == 2);
        assertThat(history(jdbc, queued)).containsExactly("are you still there?", "echo: are you still there?");
        assertThat(history(jdbc, answered)).containsExactly("hello", "echo: hello");
      }
    }
  }

  @Test
  void aConversationsAgentAndItsParametersSurviveARestart() throws Exception {
    Path data = Files.createTempDirectory("switchboard-restart-agent-");
    ConversationKey chat = new ConversationKey("api", "default", "agent-over-restart");
    Envelope.Sender sender = new Envelope.Sender("iris", null);
    try (FakeOpenAi model = new FakeOpenAi()) {
      try (ConfigurableApplicationContext first = start(data, model)) {
        LocalConversations conversations = first.getBean(LocalConversations.class);
        assertThat(conversations.ask(chat, sender, "/agent use researcher", Map.of(), Duration.ofSeconds(30)).get().text())
            .startsWith("This conversation now talks to researcher.");
        assertThat(conversations.ask(chat, sender, "/set temperature 0.3", Map.of(), Duration.ofSeconds(30)).get().text())
            .isEqualTo("temperature is 0.3 in this conversation now.");
      }
      try (ConfigurableApplicationContext second = start(data, model)) {
        LocalConversations conversations = second.getBean(LocalConversations.class);
        assertThat(conversations.ask(chat, sender, "still you?", Map.of(), Duration.ofSeconds(30)).get().text()).isEqualTo("echo: still you?");
        FakeOpenAi.Request asked = model.requestsFor("still you?").get(0);
        assertThat(asked.model()).isEqualTo("research-model");
        assertThat(asked.temperature()).isEqualTo(0.3);
      }
    }
  }

  private static ConfigurableApplicationContext start(Path data, FakeOpenAi model) {
    return new SpringApplicationBuilder(SwitchboardApplication.class)
        .web(WebApplicationType.NONE)
        .run(
            "--switchboard.data-dir=" + data,
            "--switchboard.routes-dir=" + data.resolve("routes"),
            "--camel.main.routes-reload-enabled=false",
            "--switchboard.llm.base-url=" + model.baseUrl(),
            "--switchboard.agents.researcher.model.name=research-model",
            "--spring.jmx.enabled=false");
  }

  private static long queuedInPipeline(AmqpAdmin admin) {
    return IntStream.range(0, 4)
        .mapToObj(i -> admin.getQueueInfo("sb.pipeline." + i))
        .mapToLong(info -> info == null ? 0 : info.getMessageCount())
        .sum();
  }

  private static List<String> history(JdbcClient jdbc, ConversationKey key) {
    return jdbc.sql("SELECT m.text FROM messages m JOIN sessions s ON s.id = m.session_id WHERE s.conversation_key = ? ORDER BY m.id")
        .param(key.toString())
        .query(String.class)
        .list();
  }
}
