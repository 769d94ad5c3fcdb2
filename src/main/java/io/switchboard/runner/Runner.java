package io.switchboard.runner;

import io.switchboard.kernel.Turn;

/**
 * What answers a prompt. Each runner has a route, {@code routes/runners/<runner>.camel.yaml} consuming
 * {@code direct:runner-<runner>}, whose model call is a bean step on its {@code Runner}; the pipeline's dispatch
 * step sends the turn there.
 */
public interface Runner {

  /** Sets the reply, and what it cost, on the turn. A failure propagates: the pipeline retries, then dead-letters. */
  Turn answer(Turn turn) throws Exception;
}
