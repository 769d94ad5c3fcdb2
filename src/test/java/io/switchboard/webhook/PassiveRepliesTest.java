package io.switchboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.egress.EgressDelivery;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hand-over between a waiting callback and the bot's sink, without a broker. */
class PassiveRepliesTest {

  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final DefaultCamelContext camel = new DefaultCamelContext();
  final Envelope event = Envelopes.received(new ConversationKey("wecom", "wc", "zhangsan"), "private", new Envelope.Sender("zhangsan", null), "hi", Map.of());
  final Envelope reply = Envelopes.reply(event, List.of(Envelope.Part.text("hello")), Map.of());

  @AfterEach
  void close() throws Exception {
    camel.close();
  }

  @Test
  void aReplyOfferedWhileTheCallbackWaitsIsTakenAndNotPushed() throws Exception {
    PassiveReplies passive = new PassiveReplies(Duration.ofSeconds(5), meters);
    AtomicBoolean pushNeeded = new AtomicBoolean(true);
    Optional<Envelope> answer = passive.publishAndAwait(event, Duration.ofSeconds(10), r -> true,
        () -> pushNeeded.set(passive.pushNeeded(reply))); // an instant answer: offered while publishing
    assertThat(answer).contains(reply);
    assertThat(pushNeeded).isFalse();
    assertThat(meters.counter("switchboard.egress.passive", "platform", "wecom").count()).isEqualTo(1);
  }

  @Test
  void aReplyThatDoesNotFitIsPushedAndTheCallbackAnsweredBare() throws Exception {
    PassiveReplies passive = new PassiveReplies(Duration.ofMillis(300), meters);
    AtomicBoolean pushNeeded = new AtomicBoolean(false);
    Optional<Envelope> answer = passive.publishAndAwait(event, Duration.ofSeconds(10), r -> false,
        () -> pushNeeded.set(passive.pushNeeded(reply)));
    assertThat(answer).isEmpty();
    assertThat(pushNeeded).isTrue();
  }

  @Test
  void aReplyAfterTheWindowIsPushed() throws Exception {
    PassiveReplies passive = new PassiveReplies(Duration.ofMillis(200), meters);
    assertThat(passive.publishAndAwait(event, Duration.ofSeconds(10), r -> true, () -> {})).isEmpty();
    assertThat(passive.takenByCallback(sinkExchange(reply))).isFalse();
  }

  @Test
  void aReplyTooCloseToTheDeadlineIsPushedRatherThanRiskTheResponse() throws Exception {
    PassiveReplies passive = new PassiveReplies(PassiveReplies.WRITE_MARGIN.dividedBy(2), meters);
    AtomicBoolean pushNeeded = new AtomicBoolean(false);
    passive.publishAndAwait(event, Duration.ofSeconds(10), r -> true, () -> pushNeeded.set(passive.pushNeeded(reply)));
    assertThat(pushNeeded).isTrue();
  }

  @Test
  void theWindowIsCappedByThePlatformLimitAndZeroTurnsItOff() throws Exception {
    PassiveReplies off = new PassiveReplies(Duration.ZERO, meters);
    AtomicBoolean published = new AtomicBoolean();
    assertThat(off.publishAndAwait(event, Duration.ofSeconds(4), r -> true, () -> published.set(true))).isEmpty();
    assertThat(published).isTrue();
    assertThat(off.pushNeeded(reply)).isTrue();

    PassiveReplies capped = new PassiveReplies(Duration.ofMinutes(10), meters);
    CompletableFuture<Optional<Envelope>> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        return capped.publishAndAwait(event, Duration.ofMillis(200), r -> true, () -> {});
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(await().atMost(Duration.ofSeconds(5)).until(waiting::isDone, done -> done)).isTrue();
    assertThat(waiting.join()).isEmpty();
  }

  @Test
  void aReplyToAnEventNobodyWaitsForIsPushed() {
    assertThat(new PassiveReplies(Duration.ofSeconds(3), meters).pushNeeded(reply)).isTrue();
  }

  private Exchange sinkExchange(Envelope reply) {
    Exchange exchange = new DefaultExchange(camel);
    exchange.setProperty(EgressDelivery.REPLY, reply);
    return exchange;
  }
}
