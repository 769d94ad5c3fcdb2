package io.switchboard.chain;

import io.switchboard.envelope.EnvelopeCodec;
import io.switchboard.kernel.MetaKeys;
import io.switchboard.kernel.Turn;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A tool call a user's command asks for with no model around it ({@code /run}): a chain of one call, which travels
 * the bus like a model's ({@link ToolCalls}: started at most twice, then dead-lettered; never run again once its
 * result is stored) and whose result, back in the conversation's shard, is the answer. The command's permission
 * authorized it, so the agent's tool list and its confirmation do not apply; nothing but a command starts one.
 */
@Component("directCalls")
public class DirectCalls {

  private final ChainStore chains;
  private final ToolCallBus bus;
  private final CallFiles files;
  private final EnvelopeCodec codec;

  public DirectCalls(ChainStore chains, ToolCallBus bus, CallFiles files, EnvelopeCodec codec) {
    this.chains = chains;
    this.bus = bus;
    this.files = files;
    this.codec = codec;
  }

  /** Publishes the call and defers the turn: the answer comes with the call's result. */
  public void request(Turn turn, String tool, String arguments) {
    String chainId = ChainIds.of(turn);
    String agent = turn.session() == null || turn.session().agent() == null ? "default" : turn.session().agent();
    chains.startDirect(chainId, turn.session().id(), agent, codec.encode(turn.event()));
    ChainStore.Call call = new ChainStore.Call(chainId + ":1:0", chainId, 1, 0, "direct", tool, arguments);
    chains.nextStep(chainId, "[]", 1, List.of(call));
    bus.publish(codec.encode(ToolCallEvents.requested(turn.event(), chainId, call, 1)), tool);
    turn.defer();
  }

  /**
   * Pipeline stage: a direct chain's result is its answer, the run's report and the files it wrote; a result
   * delivered again after the chain ended is dropped. Every other turn goes on.
   */
  public Turn answer(Turn turn) {
    if (!turn.continuation()) {
      return turn;
    }
    Optional<ChainStore.Chain> chain = chains.find(turn.event().data().chain().root()).filter(ChainStore.Chain::direct);
    if (chain.isEmpty()) {
      return turn;
    }
    if (!chain.get().status().equals(ChainStore.RUNNING)) {
      turn.drop();
      return turn;
    }
    List<ChainStore.Call> calls = chains.callsOf(chain.get().id());
    if (calls.isEmpty() || !calls.get(0).completed()) {
      turn.drop(); // cannot happen: a completion is published after its result is stored
      return turn;
    }
    chains.finish(chain.get().id(), ChainStore.DONE);
    turn.answering(codec.decode(chain.get().rootEvent()));
    turn.reply(calls.get(0).result());
    turn.replyParts(files.parts(calls));
    if (Boolean.TRUE.equals(calls.get(0).failed())) {
      turn.replyMeta().put(MetaKeys.ERROR, true);
    }
    return turn;
  }
}
