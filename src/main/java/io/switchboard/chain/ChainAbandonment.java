package io.switchboard.chain;

import io.switchboard.kernel.AbandonedWork;
import io.switchboard.kernel.Turn;
import org.springframework.stereotype.Component;

/**
 * A chain whose turn was given up ends there: it is marked ENDED, so that a result still arriving for it (another call
 * of the step finishing later) is dropped instead of starting the model again after the user was told it stopped.
 */
@Component
class ChainAbandonment implements AbandonedWork {

  private final ChainStore chains;

  ChainAbandonment(ChainStore chains) {
    this.chains = chains;
  }

  @Override
  public void abandoned(Turn turn) {
    String id = ChainIds.of(turn);
    chains.find(id).filter(chain -> chain.status().equals(ChainStore.RUNNING)).ifPresent(chain -> chains.finish(id, ChainStore.ENDED));
  }
}
