package io.switchboard.api;

import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One API answer as server-sent events: {@code partial} events (the text so far, with its sequence as the event id)
 * while the model writes, then one {@code reply} (the same JSON as the plain call's answer) or one {@code error}, and
 * the stream ends. A partial that comes late (a lower sequence) or after the reply is not sent.
 */
final class AnswerStream {

  private final SseEmitter emitter;
  private long lastSequence = Long.MIN_VALUE;
  private boolean ended;

  AnswerStream(long timeoutMillis) {
    this.emitter = new SseEmitter(timeoutMillis);
  }

  SseEmitter emitter() {
    return emitter;
  }

  synchronized void partial(Envelope partial) {
    long sequence = partial.meta(Envelopes.META_SEQUENCE) instanceof Number number ? number.longValue() : lastSequence + 1;
    if (ended || sequence <= lastSequence) {
      return;
    }
    lastSequence = sequence;
    send(SseEmitter.event().name("partial").id(String.valueOf(sequence)).data(Map.of("text", partial.text()), MediaType.APPLICATION_JSON));
  }

  synchronized void reply(Map<String, Object> reply) {
    end(SseEmitter.event().name("reply").data(reply, MediaType.APPLICATION_JSON));
  }

  synchronized void error(int status, String reason) {
    end(SseEmitter.event().name("error").data(Map.of("status", status, "error", reason), MediaType.APPLICATION_JSON));
  }

  private void end(SseEmitter.SseEventBuilder event) {
    if (ended) {
      return;
    }
    ended = true;
    send(event);
    emitter.complete();
  }

  private void send(SseEmitter.SseEventBuilder event) {
    try {
      emitter.send(event);
    } catch (IOException | IllegalStateException gone) {
      ended = true; // the caller went away: the answer is still in the history
    }
  }
}
