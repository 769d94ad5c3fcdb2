package io.switchboard.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.EnvelopeCodec;
import io.switchboard.envelope.Envelopes;
import io.switchboard.kernel.MetaKeys;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Local replies: the answer goes to the caller waiting for it; a progress notice does not end the wait. */
class LocalChannelsTest {

  final EnvelopeCodec codec = new EnvelopeCodec();
  final PendingReplies pending = new PendingReplies();
  final List<Envelope> pushed = new CopyOnWriteArrayList<>();
  final LocalChannels channels = new LocalChannels(codec, pending, List.of(reply -> pushed.add(reply)));

  @Test
  void aProgressNoticeIsPushedAndTheCallerWaitsForTheAnswer() throws Exception {
    Envelope question = Envelopes.received(new ConversationKey("api", "api", "c1"), "private", new Envelope.Sender("u", null), "slow?", Map.of());
    CompletableFuture<Envelope> answer = pending.expect(question.id(), Duration.ofSeconds(30));

    channels.deliver(codec.encode(Envelopes.reply(question, List.of(Envelope.Part.text("working on it…")), Map.of(MetaKeys.PROGRESS, true))));
    assertThat(answer).isNotDone();
    assertThat(pushed).extracting(Envelope::text).containsExactly("working on it…");

    channels.deliver(codec.encode(Envelopes.reply(question, List.of(Envelope.Part.text("here it is")), Map.of())));
    assertThat(answer).isCompleted();
    assertThat(answer.get().text()).isEqualTo("here it is");
    assertThat(pushed).hasSize(1);
  }
}
