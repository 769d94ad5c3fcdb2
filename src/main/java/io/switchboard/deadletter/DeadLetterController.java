package io.switchboard.deadletter;

import io.switchboard.api.ApiError;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Dead letters over HTTP: list them, newest first, and replay one. */
@RestController
@RequestMapping("/api/v1/dead-letters")
class DeadLetterController {

  private final DeadLetterStore store;
  private final DeadLetterReplay replay;

  DeadLetterController(DeadLetterStore store, DeadLetterReplay replay) {
    this.store = store;
    this.replay = replay;
  }

  @GetMapping
  List<DeadLetterStore.DeadLetter> list(@RequestParam(defaultValue = "100") int limit) {
    return store.list(Math.clamp(limit, 1, 1000));
  }

  @PostMapping("/{id}/replay")
  ResponseEntity<Map<String, Object>> replay(@PathVariable String id) {
    replay.replay(id).orElseThrow(() -> ApiError.notFound("dead letter " + id));
    return ResponseEntity.accepted().body(Map.of("id", id, "replayed", true));
  }
}
