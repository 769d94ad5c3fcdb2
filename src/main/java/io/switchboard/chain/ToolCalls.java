package io.switchboard.chain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.bus.BusTopology;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.EnvelopeCodec;
import io.switchboard.files.FileRef;
import io.switchboard.kernel.MetaKeys;
import io.switchboard.tool.Tool;
import io.switchboard.tool.ToolContext;
import io.switchboard.tool.ToolFailure;
import io.switchboard.tool.ToolRegistry;
import io.switchboard.tool.ToolResult;
import io.switchboard.tool.ToolSchemas;
import io.switchboard.tool.ToolSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The tool route's step (routes/tools.camel.yaml): runs one requested call and stores its result, once. A call
 * delivered again (its instance died before the ack) finds its result stored and is not run twice; either way the
 * completion is published, and the chain's dedupe makes a second one harmless. The history records a step once all
 * its calls are done ({@link StepHistory}), since calls of one step run side by side. A tool that fails, times out, is
 * unknown, or is not this agent's gives the model a short error result, never a stack trace.
 */
@Component("toolCalls")
public class ToolCalls implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ToolCalls.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Starts of one call: the first, and one more after its instance died. */
  static final int MAX_ATTEMPTS = 2;

  private final ChainStore chains;
  private final Confirmations confirmations;
  private final ToolRegistry registry;
  private final EnvelopeCodec codec;
  private final MeterRegistry meters;
  private final Duration timeout;
  private final Duration progressAfter;
  private final ChainNotices notices;
  private final ProducerTemplate producer;
  private final ToolCallBus bus;
  private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();

  public ToolCalls(ChainStore chains, Confirmations confirmations, ToolRegistry registry, EnvelopeCodec codec, ToolSettings settings,
      ChainNotices notices, ProducerTemplate producer, ToolCallBus bus, @Value("${switchboard.replies.progress-after}") Duration progressAfter,
      MeterRegistry meters) {
    this.chains = chains;
    this.confirmations = confirmations;
    this.registry = registry;
    this.codec = codec;
    this.meters = meters;
    this.timeout = settings.callTimeout();
    this.progressAfter = progressAfter;
    this.notices = notices;
    this.producer = producer;
    this.bus = bus;
  }

  /** Runs the call a {@code tool.call.requested} event names; returns its {@code tool.call.completed} event, encoded. */
  public String execute(String body) throws InterruptedException {
    Envelope requested = codec.decode(body);
    String callId = String.valueOf(requested.meta(ToolCallEvents.META_CALL));
    ChainStore.Call call = chains.call(callId).orElseThrow(() -> new IllegalArgumentException("no tool call " + callId));
    if (!call.completed()) {
      ChainStore.Chain chain = chains.find(call.chainId()).orElseThrow();
      long started = System.nanoTime();
      int attempt = chains.attempt(call.id());
      Outcome outcome = attempt > MAX_ATTEMPTS ? abandon(call, body) : run(chain, call, requested);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      if (chains.complete(call.id(), outcome.text(), CallFiles.toJson(outcome.files()), outcome.failed(), millis)) {
        String counted = attempt > MAX_ATTEMPTS ? "abandoned" : outcome.failed() ? "failed" : "ok";
        meters.counter("switchboard.tool.calls", "tool", call.tool(), "outcome", counted).increment();
        meters.timer("switchboard.tool.duration", "tool", call.tool()).record(Duration.ofMillis(millis));
      }
      call = chains.call(callId).orElseThrow();
    }
    return codec.encode(ToolCallEvents.completed(requested, call));
  }

  record Outcome(String text, List<FileRef> files, boolean failed) {

    static Outcome failed(String text) {
      return new Outcome(text, List.of(), true);
    }
  }

  /**
   * A call started {@link #MAX_ATTEMPTS} times already never finished: each time the instance running it died (a run
   * that kills its instance, or bad luck twice). It is not started again: the model hears so, the chain goes on, and
   * the call goes to the dead letters with the reason, for an operator to look at.
   */
  private Outcome abandon(ChainStore.Call call, String requestedEvent) {
    String reason = "the call of " + call.tool() + " was started " + MAX_ATTEMPTS + " times and its instance stopped each time; it is not run again";
    log.warn("Tool call {} abandoned: {}", call.id(), reason);
    producer.send("direct:dead-letter", exchange -> {
      exchange.getMessage().setBody(requestedEvent);
      exchange.getMessage().setHeader(SpringRabbitMQConstants.EXCHANGE_NAME, BusTopology.TOOLS);
      exchange.getMessage().setHeader(SpringRabbitMQConstants.ROUTING_KEY, bus.laneOf(call.tool()));
      exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException(reason));
      exchange.setProperty(Exchange.FAILURE_ROUTE_ID, "tool-calls");
    });
    return Outcome.failed("error: " + reason);
  }

  private Outcome run(ChainStore.Chain chain, ChainStore.Call call, Envelope requested) throws InterruptedException {
    String agent = chain.agent();
    Optional<Tool> tool = registry.get(call.tool());
    if (tool.isEmpty()) {
      return Outcome.failed("error: there is no tool named " + call.tool());
    }
    // a direct chain's call was authorized by the command that asked for it, not by the agent's tool list
    if (!chain.direct() && !registry.allowed(agent, call.tool())) {
      return Outcome.failed("error: the tool " + call.tool() + " is not available to this agent");
    }
    if (!chain.direct() && registry.needsConfirmation(agent, call.tool())) {
      // checked here too: a call runs only with its stored confirmation, however its event got here
      String status = confirmations.byCall(call.id()).map(Confirmations.Confirmation::status).orElse("");
      if (status.equals(Confirmations.CANCELLED)) {
        return Outcome.failed("error: the user declined this call");
      }
      if (!status.equals(Confirmations.CONFIRMED)) {
        return Outcome.failed("error: this call needs the user's confirmation, which it does not have");
      }
    }
    ObjectNode arguments;
    try {
      arguments = ToolSchemas.withoutEmptyOptionals((ObjectNode) JSON.readTree(call.arguments().isBlank() ? "{}" : call.arguments()),
          tool.get().definition().parameters());
    } catch (Exception e) {
      return Outcome.failed("error: the arguments are not a JSON object");
    }
    ToolContext context = new ToolContext(requested.conversation(), requested.data().chat().type(),
        requested.data().sender() == null ? null : requested.data().sender().id());
    Future<ToolResult> result = work.submit(() -> tool.get().run(arguments, context));
    Duration limit = tool.get().callTimeout().orElse(timeout);
    try {
      ToolResult done = await(result, chain, call, limit);
      return new Outcome(done.text(), done.files(), false);
    } catch (TimeoutException e) {
      result.cancel(true);
      return Outcome.failed("error: no result within " + limit.toSeconds() + " s");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ToolFailure failure) {
        return Outcome.failed("error: " + failure.getMessage());
      }
      log.warn("Tool {} failed on call {}", call.tool(), call.id(), e.getCause());
      return Outcome.failed("error: the tool failed");
    }
  }

  /** Waits for a call's result; one that takes longer than progress-after tells the user which tool is working. */
  private ToolResult await(Future<ToolResult> result, ChainStore.Chain chain, ChainStore.Call call, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (progressAfter.compareTo(timeout) >= 0) {
      return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
    try {
      return result.get(progressAfter.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException slow) {
      notices.tell(codec.decode(chain.rootEvent()), Map.of(MetaKeys.PROGRESS, true), "tool.progress", call.tool());
      return result.get(timeout.minus(progressAfter).toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void destroy() {
    work.shutdownNow();
  }
}
