package io.switchboard.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** An agent's models asked in order, each behind a circuit breaker of its own. */
class ModelFailoverTest {

  static final ChatRequest REQUEST = ChatRequest.builder().messages(UserMessage.from("hi")).build();

  /** A model that answers with its name, or fails as told; counts what it was asked. */
  static final class Scripted implements ChatModel {
    final String name;
    final AtomicInteger asked = new AtomicInteger();
    volatile Supplier<RuntimeException> failure;

    Scripted(String name) {
      this.name = name;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
      asked.incrementAndGet();
      if (failure != null) {
        throw failure.get();
      }
      return ChatResponse.builder().aiMessage(AiMessage.from("from " + name)).modelName(request.modelName()).build();
    }
  }

  /** The same, streaming: its answer in two pieces, or the failure through the handler, as langchain4j reports it. */
  static final class ScriptedStream implements StreamingChatModel {
    final String name;
    volatile Supplier<RuntimeException> failure;

    ScriptedStream(String name) {
      this.name = name;
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
      if (failure != null) {
        handler.onError(failure.get());
        return;
      }
      handler.onPartialResponse("from ");
      handler.onPartialResponse(name);
      handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from("from " + name)).modelName(request.modelName()).build());
    }
  }

  final Scripted primary = new Scripted("primary");
  final Scripted backup = new Scripted("backup");
  final ModelFailover failover = new ModelFailover(50, 2, 2, Duration.ofMillis(300), new SimpleMeterRegistry());
  final List<ModelFailover.Target> targets = List.of(new ModelFailover.Target(primary, "big", "shared/big"),
      new ModelFailover.Target(backup, "small", "backup.example.org/small"));

  @Test
  void aRateLimitedModelIsFollowedByTheNextAndTheAnswerSaysWhichModelAnswered() {
    primary.failure = () -> new RateLimitException("429 Too Many Requests");
    ChatResponse response = failover.chat(targets, REQUEST);
    assertThat(response.aiMessage().text()).isEqualTo("from backup");
    assertThat(response.modelName()).isEqualTo("small");
  }

  @Test
  void aStreamedAnswerComesPieceByPieceAndAFailingStreamIsFailedOverLikeACall() {
    ScriptedStream primaryStream = new ScriptedStream("primary");
    ScriptedStream backupStream = new ScriptedStream("backup");
    List<ModelFailover.Target> streaming = List.of(new ModelFailover.Target(primary, primaryStream, "big", "shared/big"),
        new ModelFailover.Target(backup, backupStream, "small", "backup.example.org/small"));
    List<String> pieces = new java.util.ArrayList<>();
    assertThat(failover.chat(streaming, REQUEST, pieces::add).aiMessage().text()).isEqualTo("from primary");
    assertThat(pieces).containsExactly("from ", "primary");
    assertThat(primary.asked).hasValue(0); // streamed, not asked twice

    // a request the model refuses is not failed over, streamed or not (and its breaker counts it as an answer)
    primaryStream.failure = () -> new InvalidRequestException("400 bad tools");
    assertThatThrownBy(() -> failover.chat(streaming, REQUEST, pieces::add)).isInstanceOf(InvalidRequestException.class);

    pieces.clear();
    primaryStream.failure = () -> new RateLimitException("429 Too Many Requests");
    ChatResponse response = failover.chat(streaming, REQUEST, pieces::add);
    assertThat(response.aiMessage().text()).isEqualTo("from backup");
    assertThat(response.modelName()).isEqualTo("small");
    assertThat(pieces).containsExactly("from ", "backup");
  }

  @Test
  void aRequestTheModelRefusesIsNotFailedOver() {
    primary.failure = () -> new InvalidRequestException("400 bad tools");
    assertThatThrownBy(() -> failover.chat(targets, REQUEST)).isInstanceOf(InvalidRequestException.class);
    assertThat(backup.asked).hasValue(0);
  }

  @Test
  void whenEveryModelFailsTheErrorSaysWhatEachDid() {
    primary.failure = () -> new RateLimitException("429");
    backup.failure = () -> new RuntimeException("connection refused");
    assertThatThrownBy(() -> failover.chat(targets, REQUEST)).isInstanceOf(ModelFailover.NoModelAnswered.class)
        .hasMessage("no model answered: shared/big: RateLimitException; backup.example.org/small: RuntimeException");
  }

  @Test
  void aModelThatKeepsFailingIsSkippedUntilOneTrialCallFindsItBack() {
    primary.failure = () -> new RateLimitException("429");
    failover.chat(targets, REQUEST);
    failover.chat(targets, REQUEST);
    assertThat(failover.state("shared/big")).isEqualTo(CircuitBreaker.State.OPEN);
    int askedWhileOpen = primary.asked.get();
    assertThat(failover.chat(targets, REQUEST).aiMessage().text()).isEqualTo("from backup");
    assertThat(primary.asked).as("not asked while its circuit is open").hasValue(askedWhileOpen);

    primary.failure = null; // it is back
    await().atMost(Duration.ofSeconds(5)).until(() -> failover.chat(targets, REQUEST).aiMessage().text().equals("from primary"));
    assertThat(failover.state("shared/big")).isEqualTo(CircuitBreaker.State.CLOSED);
  }
}
