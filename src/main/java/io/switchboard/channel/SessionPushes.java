package io.switchboard.channel;

import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.EnvelopeCodec;
import io.switchboard.envelope.Envelopes;
import io.switchboard.kernel.Session;
import io.switchboard.store.MessageRepository;
import io.switchboard.store.SessionRepository;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Pushes to web chat and API sessions (feed items and topic messages of their subscriptions, routed
 * {@code web.<bot>} / {@code api.<bot>}; routes/session-pushes.camel.yaml): each is kept once in the session's history,
 * as role {@code push}, by whichever instance takes it, and then, fanned out to every instance, shown wherever the
 * session is open ({@link LocalChannels}' sinks: the web chat's sockets, API event streams). A client that was away
 * finds it in the history, and an event stream resumes after the last push it sent.
 */
@Component("sessionPushes")
public class SessionPushes {

  private final EnvelopeCodec codec;
  private final SessionRepository sessions;
  private final MessageRepository messages;

  public SessionPushes(EnvelopeCodec codec, SessionRepository sessions, MessageRepository messages) {
    this.codec = codec;
    this.sessions = sessions;
    this.messages = messages;
  }

  /**
   * Keeps a push (a notification) in its session's history; the body becomes the push naming its row
   * ({@code meta.push}). Anything else addressed to the session without an instance (a notice) is only shown live.
   */
  public void record(Exchange exchange) {
    Envelope push = codec.decode(exchange.getMessage().getBody(String.class));
    if (!Envelope.MESSAGE_NOTIFICATION.equals(push.type())) {
      return;
    }
    Session session = sessions.findByConversation(push.conversation())
        .orElseThrow(() -> new IllegalArgumentException("there is no session " + push.subject() + " to push to"));
    long row = messages.addPush(session.id(), push.id(), push.text());
    exchange.getMessage().setBody(codec.encode(Envelopes.withMeta(push, Envelopes.META_PUSH, row)));
  }
}
