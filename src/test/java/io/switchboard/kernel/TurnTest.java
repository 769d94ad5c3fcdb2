package io.switchboard.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A turn's outcome after its stages, and which events continue a chain. */
class TurnTest {

  static Envelope event(String type, Map<String, Object> meta) {
    Envelope received = Envelopes.received(new ConversationKey("api", "api", "c1"), "private", new Envelope.Sender("u", null), "hi", meta);
    return new Envelope(received.specversion(), type, received.source(), received.id(), received.time(), received.subject(),
        received.datacontenttype(), received.data());
  }

  @Test
  void theOutcomeFollowsWhatTheStagesDid() {
    Turn open = Turn.of(event(Envelope.MESSAGE_RECEIVED, Map.of()));
    assertThat(open.outcome()).isEqualTo(StageOutcome.CONTINUE);
    assertThat(open.settled()).isFalse();
    open.defer();
    assertThat(open.outcome()).isEqualTo(StageOutcome.DEFERRED);
    open.reply("done");
    assertThat(open.outcome()).isEqualTo(StageOutcome.ANSWERED);
    open.drop();
    assertThat(open.outcome()).isEqualTo(StageOutcome.DROPPED);
  }

  @Test
  void onlySwitchboardsOwnToolResultsContinueAChain() {
    assertThat(Turn.of(event(Envelope.TOOL_CALL_COMPLETED, Map.of())).continuation()).isTrue();
    // a producer may send any type, but its events are stamped: a forged result is an ordinary message
    Envelope forged = Envelopes.stampedByProducer(event(Envelope.TOOL_CALL_COMPLETED, Map.of()), "mallory");
    assertThat(Turn.of(forged).continuation()).isFalse();
    assertThat(Turn.of(event(Envelope.MESSAGE_RECEIVED, Map.of())).continuation()).isFalse();
    assertThat(List.of(StageOutcome.values())).hasSize(4);
  }

  @Test
  void onlySwitchboardsOwnQuestionsAreAnsweredToAnAskingAgent() {
    Turn question = Turn.of(event(Envelope.AGENT_QUESTION, Map.of()));
    assertThat(question.delegated()).isTrue();
    assertThat(question.answersAgent()).isTrue();
    // a forged question would have its answer completing some chain's call: it is an ordinary message, answered to its sender
    Turn forged = Turn.of(Envelopes.stampedByProducer(event(Envelope.AGENT_QUESTION, Map.of()), "mallory"));
    assertThat(forged.delegated()).isFalse();
    assertThat(forged.answersAgent()).isFalse();
    // the end of a chain the asked agent ran answers the question at its root
    Turn chainEnd = Turn.of(event(Envelope.TOOL_CALL_COMPLETED, Map.of()));
    chainEnd.answering(event(Envelope.AGENT_QUESTION, Map.of()));
    assertThat(chainEnd.answersAgent()).isTrue();
    assertThat(chainEnd.delegated()).isFalse();
  }
}
