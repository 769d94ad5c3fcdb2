package io.switchboard.bus;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.SynchronizationAdapter;
import org.springframework.beans.factory.DisposableBean;

/**
 * The async boundary of the pipeline consumer: events of one conversation continue strictly one after another, each
 * starting only when the previous one has completed; different conversations continue at once, each on its own
 * virtual thread. In-flight work is bounded by the consumer's prefetch. Each consumer has its own (see
 * {@link OrderingConfiguration}), so that one stage waiting never holds up another.
 */
public class ConversationSerializer extends AsyncProcessorSupport implements DisposableBean {

  /** The header the ingress sets to the event's conversation key. */
  public static final String CONVERSATION_HEADER = "SwitchboardConversation";

  private final ConcurrentHashMap<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
  private final ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("conversation-", 0).factory());

  @Override
  public boolean process(Exchange exchange, AsyncCallback callback) {
    String conversation = exchange.getMessage().getHeader(CONVERSATION_HEADER, "", String.class);
    CompletableFuture<Void> finished = new CompletableFuture<>();
    exchange
        .getExchangeExtension()
        .addOnCompletion(
            new SynchronizationAdapter() {
              @Override
              public void onDone(Exchange done) {
                finished.complete(null);
                tails.remove(conversation, finished);
              }
            });
    CompletableFuture<Void> previous = tails.put(conversation, finished);
    CompletableFuture<Void> ready = previous == null ? CompletableFuture.completedFuture(null) : previous;
    ready.whenComplete((ignored, error) -> executor.execute(() -> callback.done(false)));
    return false;
  }

  /** Conversations with work queued or in flight; exposed for tests and metrics. */
  public int activeConversations() {
    return tails.size();
  }

  @Override
  public void destroy() {
    executor.shutdownNow();
  }
}
