package io.switchboard.chain;

import io.switchboard.kernel.StoredMessage;
import io.switchboard.store.MessageRepository;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a finished chain step into the conversation's history: each call, then its result, in the order the model
 * asked for them. Written by the step's resume on the conversation's shard, not by the tool routes, whose calls run
 * side by side and would interleave.
 */
@Component
public class StepHistory {

  private final MessageRepository messages;
  private final TransactionTemplate transactions;

  public StepHistory(MessageRepository messages, PlatformTransactionManager transactionManager) {
    this.messages = messages;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  /** The step's entries in one transaction (one commit); a step recorded by an earlier delivery is not added again. */
  public void record(String sessionId, List<ChainStore.Call> calls) {
    if (calls.isEmpty() || messages.has(sessionId, calls.get(0).id(), StoredMessage.TOOL_CALL)) {
      return;
    }
    transactions.executeWithoutResult(status -> {
      for (ChainStore.Call call : calls) {
        messages.add(sessionId, call.id(), StoredMessage.TOOL_CALL, call.tool() + " " + call.arguments(), null, null, null);
        messages.add(sessionId, call.id(), StoredMessage.TOOL_RESULT, call.result(), null, null, null);
      }
    });
  }
}
