package io.switchboard.chain;

import io.switchboard.kernel.Turn;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The chain a turn starts or continues: stable for its event, unique across sources, and short. */
public final class ChainIds {

  private ChainIds() {}

  public static String of(Turn turn) {
    return turn.continuation() ? turn.event().data().chain().root()
        : UUID.nameUUIDFromBytes(turn.event().dedupeKey().getBytes(StandardCharsets.UTF_8)).toString();
  }
}
