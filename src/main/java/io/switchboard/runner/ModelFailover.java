package io.switchboard.runner;

import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Asks an agent's models in order: the next one when the one before answers 429 or 5xx, times out or cannot be
 * reached (a 400 or 401 is the request's or the configuration's fault and is not failed over). A circuit breaker per
 * endpoint (resilience4j) skips one that keeps failing for a while, then lets one call through to see whether it is
 * back: an endpoint that is down costs its timeout once, not on every message. The last model is always asked: with
 * nothing to fall back to, skipping it would only turn one user's failing request into everyone's.
 */
@Component
class ModelFailover {

  private static final Logger log = LoggerFactory.getLogger(ModelFailover.class);

  /**
   * One model to try: the chat model (and its streaming twin, when the answer may be streamed), the model name to ask
   * for, and how logs and metrics name it.
   */
  record Target(ChatModel model, StreamingChatModel streaming, String modelName, String label) {
    Target(ChatModel model, String modelName, String label) {
      this(model, null, modelName, label);
    }
  }

  /** Every model was tried and none answered. */
  static final class NoModelAnswered extends RuntimeException {
    NoModelAnswered(String message, Throwable last) {
      super(message, last);
    }
  }

  private final CircuitBreakerRegistry breakers;
  private final MeterRegistry meters;

  ModelFailover(@Value("${switchboard.models.breaker.failure-rate:50}") float failureRate,
      @Value("${switchboard.models.breaker.window:10}") int window,
      @Value("${switchboard.models.breaker.minimum-calls:5}") int minimumCalls,
      @Value("${switchboard.models.breaker.open-for:30s}") Duration openFor, MeterRegistry meters) {
    this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
        .failureRateThreshold(failureRate)
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(window)
        .minimumNumberOfCalls(minimumCalls)
        .waitDurationInOpenState(openFor)
        .permittedNumberOfCallsInHalfOpenState(1)
        .automaticTransitionFromOpenToHalfOpenEnabled(false)
        .build());
    this.meters = meters;
  }

  /** The first answer of the targets, in order; the request's model name is each target's. */
  ChatResponse chat(List<Target> targets, ChatRequest request) {
    return chat(targets, request, null);
  }

  /**
   * As {@link #chat(List, ChatRequest)}, streamed where a target can stream and {@code partials} is given: each piece
   * of the answer goes to it as the model writes it. A model that fails midway is failed over like one that fails at
   * once (the next model's answer supersedes what was shown).
   */
  ChatResponse chat(List<Target> targets, ChatRequest request, Consumer<String> partials) {
    List<String> failures = new ArrayList<>();
    RuntimeException lastFailure = null;
    for (int i = 0; i < targets.size(); i++) {
      Target target = targets.get(i);
      boolean last = i == targets.size() - 1;
      CircuitBreaker breaker = last ? null : breaker(target.label());
      if (breaker != null && !breaker.tryAcquirePermission()) {
        failures.add(target.label() + ": skipped (failing, its circuit is open)");
        continue;
      }
      long started = System.nanoTime();
      try {
        ChatRequest asked = target.modelName() == null ? request : ChatRequest.builder().messages(request.messages())
            .parameters(request.parameters().overrideWith(ChatRequestParameters.builder().modelName(target.modelName()).build())).build();
        ChatResponse response = partials != null && target.streaming() != null ? stream(target.streaming(), asked, partials)
            : target.model().chat(asked);
        if (breaker != null) {
          breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
        return response;
      } catch (NonRetriableException refused) {
        if (breaker != null) {
          breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS); // it answered: the request was wrong
        }
        throw refused;
      } catch (RuntimeException failed) {
        if (breaker != null) {
          breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, failed);
        }
        if (targets.size() == 1) {
          throw failed; // nothing to fall over to: the failure as it is, for the pipeline's retries
        }
        meters.counter("switchboard.model.failures", "endpoint", target.label()).increment();
        failures.add(target.label() + ": " + failed.getClass().getSimpleName());
        log.warn("Model {} failed ({}){}", target.label(), failed.getClass().getSimpleName(), last ? "" : "; trying the next");
        lastFailure = failed;
      }
    }
    throw new NoModelAnswered("no model answered: " + String.join("; ", failures), lastFailure);
  }

  /** A streamed answer, waited for: the pieces go to {@code partials}; a failure is thrown as the blocking call throws it. */
  private static ChatResponse stream(StreamingChatModel model, ChatRequest request, Consumer<String> partials) {
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    model.chat(request, new StreamingChatResponseHandler() {
      @Override
      public void onPartialResponse(String piece) {
        partials.accept(piece);
      }

      @Override
      public void onCompleteResponse(ChatResponse response) {
        done.complete(response);
      }

      @Override
      public void onError(Throwable error) {
        done.completeExceptionally(error);
      }
    });
    try {
      return done.get(); // the model's own timeout ends a stream that stalls
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the model answered", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
    }
  }

  CircuitBreaker.State state(String label) {
    return breaker(label).getState();
  }

  private CircuitBreaker breaker(String label) {
    return breakers.find(label).orElseGet(() -> {
      CircuitBreaker created = breakers.circuitBreaker(label);
      meters.gauge("switchboard.model.circuit.open", Tags.of("endpoint", label), created,
          b -> b.getState() == CircuitBreaker.State.OPEN ? 1 : 0);
      return created;
    });
  }
}
