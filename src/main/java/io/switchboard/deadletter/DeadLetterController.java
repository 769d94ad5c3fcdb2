package io.switchboard.deadletter;

import io.switchboard.api.ApiError;
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

/** Lists dead letters and replays one: it is published to the ingress again and processed as if new. */
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
      processed.forget(codec.decode(letter.body()).dedupeKey());
    } catch (IllegalArgumentException notAnEvent) {
      // replayed as it is: the ingress dead-letters it again with its reason
    }
    publisher.publishRaw(letter.body(), routingKey);
    store.markReplayed(id);
    return ResponseEntity.accepted().body(Map.of("id", id, "replayed", true));
  }
}
