package io.switchboard.channel;

import io.switchboard.config.SwitchboardProperties;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Sends a message from a channel served by this instance (API, web chat, terminal) over the bus like any platform
 * message, addressed so that the reply comes back to this instance.
 */
@Component
public class LocalConversations {

  private final IngressPublisher publisher;
  private final PendingReplies pending;
  private final String instanceId;

  public LocalConversations(IngressPublisher publisher, PendingReplies pending, SwitchboardProperties properties) {
    this.publisher = publisher;
    this.pending = pending;
    this.instanceId = properties.instanceId();
  }

  /** Publishes and returns the reply, which fails with a {@code TimeoutException} after {@code timeout}. */
  public CompletableFuture<Envelope> ask(ConversationKey conversation, Envelope.Sender sender, String text, Map<String, Object> meta, Duration timeout) {
    Envelope event = event(conversation, sender, text, meta);
    return publishAwaiting(event, pending.expect(event.id(), timeout));
  }

  /** As {@link #ask}, asking for the answer as it is written: its partial replies go to {@code partials} meanwhile. */
  public CompletableFuture<Envelope> askStreaming(ConversationKey conversation, Envelope.Sender sender, String text, Map<String, Object> meta,
      Duration timeout, Consumer<Envelope> partials) {
    Map<String, Object> streamed = new HashMap<>(meta);
    streamed.put(Envelopes.META_STREAM, true);
    Envelope event = event(conversation, sender, text, streamed);
    return publishAwaiting(event, pending.expect(event.id(), timeout, partials));
  }

  /** Publishes the event whose reply is awaited (registered first, so a fast reply finds its waiter). */
  private CompletableFuture<Envelope> publishAwaiting(Envelope event, CompletableFuture<Envelope> reply) {
    try {
      publisher.publish(event);
    } catch (RuntimeException e) {
      pending.cancel(event.id());
      throw e;
    }
    return reply;
  }

  /** Publishes without waiting; the reply is pushed to a {@link LocalChannels.Sink}. */
  public Envelope tell(ConversationKey conversation, Envelope.Sender sender, String text, Map<String, Object> meta) {
    Envelope event = event(conversation, sender, text, meta);
    publisher.publish(event);
    return event;
  }

  private Envelope event(ConversationKey conversation, Envelope.Sender sender, String text, Map<String, Object> meta) {
    Map<String, Object> withReplyTo = new HashMap<>(meta);
    withReplyTo.put(Envelopes.META_REPLY_TO, instanceId);
    return Envelopes.received(conversation, Envelope.Chat.PRIVATE, sender, text, withReplyTo);
  }
}
