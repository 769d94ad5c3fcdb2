package io.switchboard.deadletter;

import io.switchboard.api.ApiError;
import io.switchboard.bus.BusTopology;
import io.switchboard.channel.IngressPublisher;
import io.switchboard.envelope.EnvelopeCodec;
import io.switchboard.pipeline.ProcessedEvents;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lists dead letters and replays one: an event that failed on its way in goes to the ingress again and is processed
 * as new; a reply a platform did not take goes back to its bot's egress queue and is sent again.
 */
@RestController
@RequestMapping("/api/v1/dead-letters")
class DeadLetterController {

  private final DeadLetterStore store;
  private final IngressPublisher publisher;
  private final ProcessedEvents processed;
  private final EnvelopeCodec codec;

  DeadLetterController(DeadLetterStore store, IngressPublisher publisher, ProcessedEvents processed, EnvelopeCodec codec) {
    this.store = store;
    this.publisher = publisher;
    this.processed = processed;
    this.codec = codec;
  }

  @GetMapping
  List<DeadLetterStore.DeadLetter> list(@RequestParam(defaultValue = "100") int limit) {
    return store.list(Math.clamp(limit, 1, 1000));
  }

  @PostMapping("/{id}/replay")
  ResponseEntity<Map<String, Object>> replay(@PathVariable String id) {
    DeadLetterStore.DeadLetter letter = store.find(id).orElseThrow(() -> ApiError.notFound("dead letter " + id));
    String routingKey = letter.routingKey() == null ? "replay" : letter.routingKey();
    try {
      // the event (or the reply's "sent" marker) is forgotten, so it is processed (or sent) again
      processed.forget(codec.decode(letter.body()).dedupeKey());
    } catch (IllegalArgumentException notAnEvent) {
      // replayed as it is: the ingress dead-letters it again with its reason
    }
    if (BusTopology.EGRESS.equals(letter.sourceExchange())) {
      publisher.publishTo(BusTopology.EGRESS, letter.body(), routingKey);
    } else {
      publisher.publishTo(BusTopology.INGRESS, letter.body(), routingKey);
    }
    store.markReplayed(id);
    return ResponseEntity.accepted().body(Map.of("id", id, "replayed", true));
  }
}
