package io.switchboard.channel;

import io.switchboard.envelope.Envelope;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** Callers on this instance waiting for the reply to an event they published (API requests, the terminal). */
@Component
public class PendingReplies {

  private final ConcurrentHashMap<String, CompletableFuture<Envelope>> waiting = new ConcurrentHashMap<>();

  /** Registers before publishing, so a fast reply cannot arrive before anyone waits for it. */
  public CompletableFuture<Envelope> expect(String eventId, Duration timeout) {
    CompletableFuture<Envelope> reply = new CompletableFuture<Envelope>().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    waiting.put(eventId, reply);
    reply.whenComplete((r, e) -> waiting.remove(eventId, reply));
    return reply;
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
