package io.switchboard.egress;

import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Showing an answer as it is written by editing one message, for platforms that can edit (Telegram groups, Slack):
 * the first partial posts a message, later ones edit it (at most one edit per stream per
 * {@code switchboard.streaming.edit-interval}, a late one never, none while the platform's 429 said to wait), and the
 * reply edits it a last time into the answer
 * (the sender asks {@link #shownAs}), so the chat ends with one message that keeps the whole answer. Which message a
 * stream posted is in the database: another instance that takes the bot's egress over edits the same message.
 */
@Component
public class EditedStreams {

  /** What a platform does for this strategy: post a message (its id back), edit one. */
  public interface EditableMessages {
    String post(Envelope partial, String text) throws IOException, InterruptedException;

    void edit(Envelope partial, String messageId, String text) throws IOException, InterruptedException;
  }

  private record Shown(String messageId, long lastSequence, OffsetDateTime shownAt) {}

  private final JdbcClient jdbc;
  private final Duration interval;
  private final Clock clock;

  @Autowired
  public EditedStreams(JdbcClient jdbc, @Value("${switchboard.streaming.edit-interval:1s}") Duration interval) {
    this(jdbc, interval, Clock.systemUTC());
  }

  EditedStreams(JdbcClient jdbc, Duration interval, Clock clock) {
    this.jdbc = jdbc;
    this.interval = interval;
    this.clock = clock;
  }

  public void partial(Envelope partial, EditableMessages platform) throws IOException, InterruptedException {
    String stream = String.valueOf(partial.meta(Envelopes.META_STREAM));
    long sequence = partial.meta(Envelopes.META_SEQUENCE) instanceof Number number ? number.longValue() : 0;
    OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
    Optional<Shown> shown = find(stream);
    if (shown.isEmpty()) {
      String messageId = platform.post(partial, partial.text());
      jdbc.sql("INSERT INTO streamed_messages (stream_id, bot_id, message_id, last_sequence, shown_at) VALUES (?, ?, ?, ?, ?)")
          .params(stream, partial.conversation().bot(), messageId, sequence, now).update();
      return;
    }
    if (sequence <= shown.get().lastSequence() || now.isBefore(shown.get().shownAt().plus(interval))) {
      return; // late, or too soon after the last edit: the next partial, or the reply, carries this text too
    }
    try {
      platform.edit(partial, shown.get().messageId(), partial.text());
    } catch (TransientDeliveryException e) {
      if (e.retryAfter() != null) {
        // flood control: this stream's next edit waits what the platform asked (the reply still goes when it comes)
        jdbc.sql("UPDATE streamed_messages SET shown_at = ? WHERE stream_id = ?").params(now.plus(e.retryAfter()).minus(interval), stream).update();
      }
      throw e;
    }
    jdbc.sql("UPDATE streamed_messages SET last_sequence = ?, shown_at = ? WHERE stream_id = ?").params(sequence, now, stream).update();
  }

  /** The message the reply's stream posted, which the reply edits into the answer; empty when it posted none. */
  public Optional<String> shownAs(Envelope reply) {
    Object stream = reply.meta(Envelopes.META_STREAM);
    return stream == null ? Optional.empty() : find(String.valueOf(stream)).map(Shown::messageId);
  }

  /** The reply is on the platform: its stream is over. */
  public void finished(Envelope reply) {
    Object stream = reply.meta(Envelopes.META_STREAM);
    if (stream != null) {
      jdbc.sql("DELETE FROM streamed_messages WHERE stream_id = ?").param(String.valueOf(stream)).update();
    }
  }

  /** Streams that never ended (their answer failed for good): forgotten after a day. */
  public int purgeStale() {
    return jdbc.sql("DELETE FROM streamed_messages WHERE shown_at < ?").param(OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)).minusDays(1))
        .update();
  }

  private Optional<Shown> find(String stream) {
    return jdbc.sql("SELECT message_id, last_sequence, shown_at FROM streamed_messages WHERE stream_id = ?").param(stream)
        .query((rs, n) -> new Shown(rs.getString(1), rs.getLong(2), rs.getObject(3, OffsetDateTime.class))).optional();
  }
}
