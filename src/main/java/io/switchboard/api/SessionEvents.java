package io.switchboard.api;

import io.switchboard.channel.LocalChannels;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import io.switchboard.kernel.Session;
import io.switchboard.kernel.StoredMessage;
import io.switchboard.store.MessageRepository;
import io.switchboard.store.SessionRepository;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * API sessions' event streams ({@code GET /api/v1/sessions/{id}/events}): the pushes to the session (its
 * subscriptions' items) as server-sent {@code push} events, their history row's id as the event id. A stream first
 * sends what the session was pushed after the client's {@code Last-Event-ID}, or, without one, after the last push a
 * stream of the session sent; then each push as it comes, on whichever instance the client is connected to.
 */
@Component
class SessionEvents implements LocalChannels.Sink {

  private static final int REPLAYED_AT_MOST = 500;

  /** One client's stream: the last push it was sent, so that a push replayed and fanned out at once goes once. */
  private static final class Stream {
    final SseEmitter emitter;
    final String sessionId;
    long lastSent;

    Stream(SseEmitter emitter, String sessionId, long lastSent) {
      this.emitter = emitter;
      this.sessionId = sessionId;
      this.lastSent = lastSent;
    }
  }

  private final SessionRepository sessions;
  private final MessageRepository messages;
  private final Duration timeout;
  private final Map<String, Set<Stream>> byConversation = new ConcurrentHashMap<>();

  SessionEvents(SessionRepository sessions, MessageRepository messages, @Value("${switchboard.api.events-timeout:30m}") Duration timeout) {
    this.sessions = sessions;
    this.messages = messages;
    this.timeout = timeout;
  }

  SseEmitter open(Session session, Long lastEventId) {
    String conversation = session.platform() + ":" + session.bot() + ":" + session.chatId();
    Stream stream = new Stream(new SseEmitter(timeout.toMillis()), session.id(), lastEventId != null ? lastEventId : sessions.pushesSeen(session.id()));
    Set<Stream> open = byConversation.computeIfAbsent(conversation, k -> ConcurrentHashMap.newKeySet());
    open.add(stream); // first: a push recorded while the history is read is sent live, and only once
    Runnable gone = () -> open.remove(stream);
    stream.emitter.onCompletion(gone);
    stream.emitter.onTimeout(gone);
    stream.emitter.onError(error -> gone.run());
    try {
      stream.emitter.send(SseEmitter.event().comment("pushes of session " + session.id())); // the headers go now, not with the first push
    } catch (IOException closed) {
      stream.emitter.completeWithError(closed);
      return stream.emitter;
    }
    for (StoredMessage push : messages.pushesAfter(session.id(), stream.lastSent, REPLAYED_AT_MOST)) {
      send(stream, push.id(), push.text(), push.createdAt() == null ? null : push.createdAt().toString());
    }
    return stream.emitter;
  }

  /** A push to an API session, on this instance: to the streams open here (it is in the history for the others). */
  @Override
  public boolean deliver(Envelope push) {
    if (!Envelope.MESSAGE_NOTIFICATION.equals(push.type()) || !SessionController.PLATFORM.equals(push.conversation().platform())) {
      return false;
    }
    long row = push.meta(Envelopes.META_PUSH) instanceof Number number ? number.longValue() : 0;
    for (Stream stream : byConversation.getOrDefault(push.subject(), Set.of())) {
      send(stream, row, push.text(), push.time() == null ? null : push.time().toString());
    }
    return true;
  }

  private void send(Stream stream, long row, String text, String time) {
    synchronized (stream) {
      if (row <= stream.lastSent) {
        return;
      }
      try {
        Map<String, Object> data = time == null ? Map.of("id", row, "text", text) : Map.of("id", row, "text", text, "time", time);
        stream.emitter.send(SseEmitter.event().name("push").id(String.valueOf(row)).data(data, MediaType.APPLICATION_JSON));
        stream.lastSent = row;
        sessions.pushesSeen(stream.sessionId, row);
      } catch (IOException | IllegalStateException gone) {
        stream.emitter.completeWithError(gone);
      }
    }
  }
}
