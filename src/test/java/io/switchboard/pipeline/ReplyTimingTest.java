package io.switchboard.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.EnvelopeCodec;
import io.switchboard.envelope.Envelopes;
import io.switchboard.kernel.Turn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** Ack now, reply later: an instant answer, a slow answer (a notice first), and an answer past the limit (stopped). */
class ReplyTimingTest {

  final ProducerTemplate producer = mock(ProducerTemplate.class);
  final List<Turn> abandoned = new CopyOnWriteArrayList<>();
  final Turn turn =
      new Turn(Envelopes.received(new ConversationKey("telegram", "tg1", "42"), "private", new Envelope.Sender("u", null), "hi", Map.of()));

  ReplyTiming timing(Duration progressAfter, Duration giveUpAfter) {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasename("i18n/messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    return new ReplyTiming(new ReplyComposer(new EnvelopeCodec(), new SimpleMeterRegistry()), producer, messages, List.of(abandoned::add),
        progressAfter, giveUpAfter);
  }

  @Test
  void anInstantAnswerHasNoNotice() throws Exception {
    when(producer.requestBody("direct:runner-llm", turn, Turn.class)).thenAnswer(call -> {
      turn.reply("hello");
      return turn;
    });
    assertThat(timing(Duration.ofSeconds(5), Duration.ofSeconds(60)).answer(turn).replyText()).isEqualTo("hello");
    verify(producer, never()).send(eq("direct:egress-send"), any(Processor.class));
  }

  @Test
  void aSlowAnswerIsPrecededByAWorkingOnItNotice() throws Exception {
    CountDownLatch noticeSent = new CountDownLatch(1);
    when(producer.send(eq("direct:egress-send"), any(Processor.class))).thenAnswer(call -> {
      noticeSent.countDown();
      return null;
    });
    when(producer.requestBody("direct:runner-llm", turn, Turn.class)).thenAnswer(call -> {
      // the model answers only once the notice has gone out
      assertThat(noticeSent.await(10, TimeUnit.SECONDS)).isTrue();
      turn.reply("finally");
      return turn;
    });
    Turn answered = timing(Duration.ofMillis(50), Duration.ofSeconds(60)).answer(turn);
    assertThat(answered.replyText()).isEqualTo("finally");
    assertThat(answered.recorded()).isTrue();
    verify(producer).send(eq("direct:egress-send"), any(Processor.class));
    assertThat(abandoned).isEmpty();
  }

  @Test
  void workPastTheLimitIsStoppedAndTheUserTold() throws Exception {
    AtomicBoolean interrupted = new AtomicBoolean();
    when(producer.requestBody("direct:runner-llm", turn, Turn.class)).thenAnswer(call -> {
      try {
        new CountDownLatch(1).await(30, TimeUnit.SECONDS);
      } catch (InterruptedException stopped) {
        interrupted.set(true);
      }
      return turn;
    });
    Turn answered = timing(Duration.ofMillis(50), Duration.ofMillis(300)).answer(turn);
    assertThat(answered.replyText()).startsWith("This took longer than 0 s, so I stopped.");
    assertThat(answered.replyMeta()).containsEntry("error", true);
    assertThat(answered.recorded()).isFalse();
    verify(producer, timeout(1000)).send(eq("direct:egress-send"), any(Processor.class));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilTrue(interrupted);
    assertThat(abandoned).containsExactly(turn); // a chain it started or continued is let go of
  }

  @Test
  void anAgentServiceAllowedLongerThanTheLimitIsWaitedForThatLong() {
    ReplyTiming timing = timing(Duration.ofSeconds(5), Duration.ofSeconds(120));
    assertThat(timing.giveUpAfter(turn)).isEqualTo(Duration.ofSeconds(120));
    turn.runner("dify", Duration.ofSeconds(600));
    assertThat(timing.giveUpAfter(turn)).as("its own timeout ends it, with its reason").isEqualTo(Duration.ofSeconds(605));
    turn.runner("webhook", Duration.ofSeconds(60));
    assertThat(timing.giveUpAfter(turn)).isEqualTo(Duration.ofSeconds(120));
  }
}
