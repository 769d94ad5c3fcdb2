package io.switchboard.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per-conversation order with concurrency across conversations, without a broker. */
class ConversationSerializerTest {

  final ConversationSerializer serializer = new ConversationSerializer();
  final List<String> started = new CopyOnWriteArrayList<>();
  final List<String> finished = new CopyOnWriteArrayList<>();
  final CountDownLatch releaseFirst = new CountDownLatch(1);
  CamelContext camel;
  ProducerTemplate producer;

  @BeforeEach
  void route() throws Exception {
    camel = new DefaultCamelContext();
    camel.addRoutes(
        new RouteBuilder() {
          @Override
          public void configure() {
            from("direct:in")
                .process(serializer)
                .process(
                    exchange -> {
                      String body = exchange.getMessage().getBody(String.class);
                      started.add(body);
                      if (body.equals("a1")) {
                        releaseFirst.await(10, TimeUnit.SECONDS);
                      }
                      finished.add(body);
                    });
          }
        });
    camel.start();
    producer = camel.createProducerTemplate();
  }

  @AfterEach
  void stop() {
    releaseFirst.countDown();
    camel.stop();
    serializer.destroy();
  }

  @Test
  void aConversationWaitsForItsPreviousEventWhileOthersProceed() {
    send("a", "a1");
    await().atMost(Duration.ofSeconds(5)).until(() -> started.contains("a1"));
    send("a", "a2");
    send("b", "b1");

    // b1 runs to the end while a1 is still in progress; a2 has not started
    await().atMost(Duration.ofSeconds(5)).until(() -> finished.contains("b1"));
    assertThat(started).doesNotContain("a2");
    assertThat(serializer.activeConversations()).isEqualTo(1);

    releaseFirst.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> finished.size() == 3);
    assertThat(finished).containsSubsequence("a1", "a2");
    await().atMost(Duration.ofSeconds(5)).until(() -> serializer.activeConversations() == 0);
  }

  private void send(String conversation, String body) {
    producer.asyncRequestBodyAndHeader("direct:in", body, ConversationSerializer.CONVERSATION_HEADER, conversation);
  }
}
