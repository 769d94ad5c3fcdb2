package io.switchboard.deadletter;

import java.util.List;
import org.springframework.jmx.export.annotation.ManagedOperation;
import org.springframework.jmx.export.annotation.ManagedOperationParameter;
import org.springframework.jmx.export.annotation.ManagedOperationParameters;
import org.springframework.jmx.export.annotation.ManagedResource;
import org.springframework.stereotype.Component;

/** The dead letters in JMX, so that Hawtio (JMX tab, {@code io.switchboard / DeadLetters}) lists and replays them. */
@Component
@ManagedResource(objectName = "io.switchboard:type=DeadLetters", description = "Failed events and replies, kept for replay")
public class DeadLetterOperations {

  private final DeadLetterStore store;
  private final DeadLetterReplay replay;

  DeadLetterOperations(DeadLetterStore store, DeadLetterReplay replay) {
    this.store = store;
    this.replay = replay;
  }

  @ManagedOperation(description = "The newest dead letters: id | failed in | reason")
  @ManagedOperationParameter(name = "limit", description = "how many, at most 1000")
  public List<String> list(int limit) {
    return store.list(Math.clamp(limit, 1, 1000)).stream()
        .map(l -> l.id() + " | " + l.failedIn() + " | " + l.reason() + (l.replayedAt() == null ? "" : " | replayed " + l.replayedAt()))
        .toList();
  }

  @ManagedOperation(description = "Replay one dead letter by id (once; force=true replays it again)")
  @ManagedOperationParameters({
    @ManagedOperationParameter(name = "id", description = "the dead letter's id"),
    @ManagedOperationParameter(name = "force", description = "replay even when it was replayed before")
  })
  public String replay(String id, boolean force) {
    DeadLetterReplay.Result result = replay.replay(id, force);
    return result.outcome() == DeadLetterReplay.Outcome.REPLAYED ? "replayed " + id : result.reason();
  }
}
