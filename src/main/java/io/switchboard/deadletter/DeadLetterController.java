package io.switchboard.deadletter;

import io.switchboard.api.ApiError;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dead letters over HTTP, for the operator (the security configuration checks who calls): list them, newest first,
 * with bodies cut short (they hold users' messages); read one whole; replay one, once unless {@code force=true}.
 */
@RestController
@RequestMapping("/api/v1/dead-letters")
class DeadLetterController {

  static final int LISTED_BODY_CHARS = 512;

  private final DeadLetterStore store;
  private final DeadLetterReplay replay;

  DeadLetterController(DeadLetterStore store, DeadLetterReplay replay) {
    this.store = store;
    this.replay = replay;
  }

  @GetMapping
  List<DeadLetterStore.DeadLetter> list(@RequestParam(defaultValue = "100") int limit) {
    return store.list(Math.clamp(limit, 1, 1000)).stream().map(l -> l.truncated(LISTED_BODY_CHARS)).toList();
  }

  @GetMapping("/{id}")
  DeadLetterStore.DeadLetter one(@PathVariable String id) {
    return store.find(id).orElseThrow(() -> ApiError.notFound("dead letter " + id));
  }

  @PostMapping("/{id}/replay")
  ResponseEntity<Map<String, Object>> replay(@PathVariable String id, @RequestParam(defaultValue = "false") boolean force) {
    DeadLetterReplay.Result result = replay.replay(id, force);
    return switch (result.outcome()) {
      case REPLAYED -> ResponseEntity.accepted().body(Map.of("id", id, "replayed", true));
      case NOT_FOUND -> throw ApiError.notFound("dead letter " + id);
      case ALREADY_REPLAYED -> throw new ApiError(HttpStatus.CONFLICT, result.reason());
      case REFUSED -> throw new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, result.reason());
    };
  }
}
