package io.switchboard.channel;

import io.switchboard.envelope.Envelope;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Callers on this instance waiting for the reply to an event they published (API requests, the terminal), and those
 * watching it being written (an API request for server-sent events).
 */
@Component
public class PendingReplies {

  private final ConcurrentHashMap<String, CompletableFuture<Envelope>> waiting = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Consumer<Envelope>> watching = new ConcurrentHashMap<>();

  /** Registers before publishing, so a fast reply cannot arrive before anyone waits for it. */
  public CompletableFuture<Envelope> expect(String eventId, Duration timeout) {
    CompletableFuture<Envelope> reply = new CompletableFuture<Envelope>().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    waiting.put(eventId, reply);
    reply.whenComplete((r, e) -> waiting.remove(eventId, reply));
    return reply;
  }

  /** As {@link #expect}, and the answer's partial replies go to {@code partials} while it is written. */
  public CompletableFuture<Envelope> expect(String eventId, Duration timeout, Consumer<Envelope> partials) {
    watching.put(eventId, partials);
    CompletableFuture<Envelope> reply = expect(eventId, timeout);
    reply.whenComplete((r, e) -> watching.remove(eventId, partials));
    return reply;
  }

  /** @return whether somebody watches the answer being written */
  public boolean partial(String inReplyTo, Envelope partial) {
    Consumer<Envelope> watcher = inReplyTo == null ? null : watching.get(inReplyTo);
    if (watcher == null) {
      return false;
    }
    watcher.accept(partial);
    return true;
  }

  /** @return whether somebody was waiting for it */
  public boolean complete(String inReplyTo, Envelope reply) {
    CompletableFuture<Envelope> future = inReplyTo == null ? null : waiting.get(inReplyTo);
    return future != null && future.complete(reply);
  }

  public void cancel(String eventId) {
    CompletableFuture<Envelope> future = waiting.remove(eventId);
    if (future != null) {
      future.cancel(false);
    }
  }
}
