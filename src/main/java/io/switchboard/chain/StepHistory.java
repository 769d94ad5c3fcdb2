package io.switchboard.chain;

import io.switchboard.kernel.StoredMessage;
import io.switchboard.store.MessageRepository;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Writes a finished chain step into the conversation's history: each call, then its result, in the order the model
 * asked for them. Written by the step's resume on the conversation's shard, not by the tool routes, whose calls run
 * side by side and would interleave.
 */
@Component
public class StepHistory {

  private final MessageRepository messages;

  public StepHistory(MessageRepository messages) {
    this.messages = messages;
  }

  public void record(String sessionId, List<ChainStore.Call> calls) {
    for (ChainStore.Call call : calls) {
      add(sessionId, call.id(), StoredMessage.TOOL_CALL, call.tool() + " " + call.arguments());
      add(sessionId, call.id(), StoredMessage.TOOL_RESULT, call.result());
    }
  }

  private void add(String sessionId, String callId, String role, String text) {
    try {
      messages.add(sessionId, callId, role, text, null, null, null);
    } catch (DuplicateKeyException recorded) {
      // recorded by an earlier delivery of the step's last completion
    }
  }
}
