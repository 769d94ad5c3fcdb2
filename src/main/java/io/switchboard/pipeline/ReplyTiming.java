package io.switchboard.pipeline;

import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import io.switchboard.kernel.AbandonedWork;
import io.switchboard.kernel.Locales;
import io.switchboard.kernel.MetaKeys;
import io.switchboard.kernel.Turn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Ack now, reply later, for every platform: every adapter acknowledges its platform as soon as the event is on the
 * bus, and the answer is pushed when ready. This stage makes slow work visible and bounded: past
 * {@code switchboard.replies.progress-after} the user gets a short "working on it" notice while the runner goes on;
 * past {@code switchboard.replies.give-up-after} the work is stopped, what it left in the store let go of (a chain
 * ends), and the user told.
 */
@Component("replyTiming")
public class ReplyTiming implements DisposableBean {

  /** Each runner's route consumes {@code direct:runner-<runner>}. */
  static final String RUNNER_ROUTE_PREFIX = "direct:runner-";

  private final ReplyComposer composer;
  private final ProducerTemplate producer;
  private final MessageSource messages;
  private final Duration progressAfter;
  private final Duration giveUpAfter;
  private final List<AbandonedWork> abandonments;
  private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();

  public ReplyTiming(
      ReplyComposer composer,
      ProducerTemplate producer,
      MessageSource messages,
      List<AbandonedWork> abandonments,
      @Value("${switchboard.replies.progress-after}") Duration progressAfter,
      @Value("${switchboard.replies.give-up-after}") Duration giveUpAfter) {
    this.composer = composer;
    this.producer = producer;
    this.messages = messages;
    this.progressAfter = progressAfter;
    this.giveUpAfter = giveUpAfter;
    this.abandonments = List.copyOf(abandonments);
  }

  /**
   * Sends the turn to its runner's route ({@code direct:runner-<runner>}) within the limits; failures of the runner
   * propagate (retry, dead letter).
   */
  public Turn answer(Turn turn) throws Exception {
    Future<Turn> answer = work.submit(() -> producer.requestBody(RUNNER_ROUTE_PREFIX + turn.runner(), turn, Turn.class));
    try {
      return answer.get(progressAfter.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException slow) {
      notifyUser(turn, "reply.progress", Map.of(MetaKeys.PROGRESS, true));
    } catch (ExecutionException e) {
      throw unwrap(e);
    }
    Duration limit = giveUpAfter(turn);
    try {
      return answer.get(Math.max(0, limit.minus(progressAfter).toMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException tooSlow) {
      answer.cancel(true);
      abandonments.forEach(work -> work.abandoned(turn));
      turn.reply(messages.getMessage("reply.gave-up", new Object[] {limit.toSeconds()}, Locales.of(turn.event())));
      turn.replyMeta().put("error", true);
      turn.doNotRecord();
      return turn;
    } catch (ExecutionException e) {
      throw unwrap(e);
    }
  }

  /**
   * An agent service allowed longer than the reply limit (a Dify app: 600 s) is waited for that long, and a little
   * more, so that its own timeout, with its reason, ends the work rather than this limit.
   */
  Duration giveUpAfter(Turn turn) {
    Duration service = turn.runnerTimeout();
    return service != null && service.compareTo(giveUpAfter) >= 0 ? service.plusSeconds(5) : giveUpAfter;
  }

  private void notifyUser(Turn turn, String key, Map<String, Object> meta) {
    String text = messages.getMessage(key, null, Locales.of(turn.event()));
    Envelope notice = Envelopes.reply(turn.event(), List.of(Envelope.Part.text(text)), meta);
    producer.send("direct:egress-send", exchange -> composer.publish(exchange, notice));
  }

  private static Exception unwrap(ExecutionException e) {
    Throwable cause = e.getCause() instanceof CamelExecutionException camel && camel.getCause() != null ? camel.getCause() : e.getCause();
    return cause instanceof Exception exception ? exception : e;
  }

  @Override
  public void destroy() {
    work.shutdownNow();
  }
}
