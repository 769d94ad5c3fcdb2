package io.switchboard.channel;

import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.EnvelopeCodec;
import io.switchboard.envelope.Envelopes;
import io.switchboard.kernel.MetaKeys;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The sink of this instance's own channels: a reply on {@code sb.egress.local.<instance>} goes to the API caller or
 * terminal waiting for it (progress notices excepted: they are not the answer), or to the web chat's WebSocket.
 */
@Component("localChannels")
public class LocalChannels {

  /** Something a local reply can be pushed to, e.g. the web chat's open sockets. */
  public interface Sink {
    /** @return whether the sink took the reply */
    boolean deliver(Envelope reply);
  }

  private static final Logger log = LoggerFactory.getLogger(LocalChannels.class);

  private final EnvelopeCodec codec;
  private final PendingReplies pending;
  private final List<Sink> sinks;

  public LocalChannels(EnvelopeCodec codec, PendingReplies pending, List<Sink> sinks) {
    this.codec = codec;
    this.pending = pending;
    this.sinks = sinks;
  }

  public void deliver(String json) {
    Envelope reply = codec.decode(json);
    Object inReplyTo = reply.meta(Envelopes.META_IN_REPLY_TO);
    if (Envelope.MESSAGE_PARTIAL.equals(reply.type()) && pending.partial(inReplyTo == null ? null : inReplyTo.toString(), reply)) {
      return; // the answer so far, to the caller watching it; nobody waiting for the answer takes it for the answer
    }
    // a "still working" notice is not the answer: a caller waiting for the answer goes on waiting
    boolean notice = Boolean.TRUE.equals(reply.meta(MetaKeys.PROGRESS)) || Envelope.MESSAGE_PARTIAL.equals(reply.type());
    if (!notice && pending.complete(inReplyTo == null ? null : inReplyTo.toString(), reply)) {
      return;
    }
    for (Sink sink : sinks) {
      if (sink.deliver(reply)) {
        return;
      }
    }
    // the caller gave up (timeout) or disconnected: the reply is still in the history
    log.debug("Nobody waits for reply {} to {} any more", reply.id(), inReplyTo);
  }
}
