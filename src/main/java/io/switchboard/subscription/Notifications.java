package io.switchboard.subscription;

import io.switchboard.bus.BusTopology;
import io.switchboard.channel.IngressPublisher;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.EnvelopeCodec;
import io.switchboard.envelope.Envelopes;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Puts a message for a chat on the bot's guaranteed egress, without the model: feed items, topic messages, producer
 * notifications, feed failure notices. The id is derived from what is delivered and to whom, so delivering the same
 * thing again (a redelivered feed item, a re-posted notification) is stopped by the sink's sent marker.
 */
@Component
public class Notifications {

  public static final String TYPE = Envelope.MESSAGE_NOTIFICATION;

  private final IngressPublisher publisher;
  private final EnvelopeCodec codec;

  public Notifications(IngressPublisher publisher, EnvelopeCodec codec) {
    this.publisher = publisher;
    this.codec = codec;
  }

  /** @param identity what makes this delivery unique (e.g. subscription id + item id) */
  public Envelope deliver(ConversationKey target, String chatType, String source, String identity, List<Envelope.Part> parts) {
    String id = UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
    Envelope message = new Envelope(Envelope.SPEC_VERSION, TYPE, source, id, OffsetDateTime.now(ZoneOffset.UTC), target.toString(),
        Envelope.CONTENT_TYPE,
        new Envelope.Data(new Envelope.Chat(chatType, target.chatId()), new Envelope.Sender("switchboard", "Switchboard"), parts,
            new Envelope.Chain(id, null, 0), Map.of()));
    publisher.publishTo(BusTopology.EGRESS, codec.encode(message), Envelopes.egressRoutingKey(message));
    return message;
  }
}
