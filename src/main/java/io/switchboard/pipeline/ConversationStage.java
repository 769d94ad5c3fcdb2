package io.switchboard.pipeline;

import io.switchboard.agent.Agent;
import io.switchboard.agent.ConversationAgents;
import io.switchboard.bot.Bots;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.kernel.Locales;
import io.switchboard.kernel.Session;
import io.switchboard.kernel.StoredMessage;
import io.switchboard.kernel.Turn;
import io.switchboard.kernel.UserKey;
import io.switchboard.keys.KeyRedaction;
import io.switchboard.store.MessageRepository;
import io.switchboard.store.SessionRepository;
import io.switchboard.store.TokenUsageRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Pipeline stage: finds the conversation's session, loads the history the model will see, and records both sides
 * of the turn. A message over {@code switchboard.pipeline.max-text-chars} is answered with the limit and recorded
 * nowhere: it never reaches the model, nor any later prompt through the history.
 */
@Component("conversationStage")
public class ConversationStage {

  private final SessionRepository sessions;
  private final MessageRepository messages;
  private final TokenUsageRepository usage;
  private final ConversationAgents agents;
  private final Bots bots;
  private final int maxTextChars;
  private final MessageSource texts;

  public ConversationStage(SessionRepository sessions, MessageRepository messages, TokenUsageRepository usage, ConversationAgents agents, Bots bots,
      @Value("${switchboard.pipeline.max-text-chars:16000}") int maxTextChars, MessageSource texts) {
    this.sessions = sessions;
    this.messages = messages;
    this.usage = usage;
    this.agents = agents;
    this.bots = bots;
    this.maxTextChars = maxTextChars;
    this.texts = texts;
  }

  /** Resolves the session, loads the last {@code history-size} rounds, then records the user's message. */
  public Turn open(Turn turn) {
    Envelope event = turn.event();
    ConversationKey key = event.conversation();
    String userId = event.data().sender() == null ? null : event.data().sender().id();
    // a new conversation talks to its bot's agent (the API and the web chat choose theirs when they create a session)
    Session session = sessions.findOrCreate(key, userId, bots.find(key.bot()).map(Bots.ConfiguredBot::agent).orElse(Agent.DEFAULT));
    turn.session(session);
    if (turn.continuation()) {
      return turn; // a tool result: the chain holds what the model sees, and the call is in the history already
    }
    int length = event.text().length();
    if (length > maxTextChars) {
      turn.reply(texts.getMessage("message.too-long", new Object[] {length, maxTextChars}, Locales.of(event)));
      turn.doNotRecord();
      return turn;
    }
    if (turn.delegated()) {
      turn.doNotRecord(); // an agent's question to another: the asked agent does not see the conversation, nor is it recorded
      return turn;
    }
    int historySize = agents.of(session, UserKey.of(event)).historySize();
    turn.history(
        messages.recent(session.id(), session.historyFrom(), historySize * 2).stream()
            .filter(m -> !m.eventId().equals(event.id()))
            .toList());
    try {
      // a "key set <apiKey>" line is kept with the key masked: the key lives only encrypted, in user_keys
      messages.add(session.id(), event.id(), StoredMessage.USER, KeyRedaction.redact(event.text()), null, null, null);
    } catch (DuplicateKeyException replayed) {
      // a replayed dead letter: its message was recorded the first time round
    }
    return turn;
  }

  /** Records the reply, and its token usage when a model produced it. */
  public Turn recordReply(Turn turn) {
    if (!turn.recorded()) {
      return turn;
    }
    long messageId =
        messages.add(
            turn.session().id(),
            turn.answering().id(),
            StoredMessage.ASSISTANT,
            turn.replyText(),
            turn.model(),
            turn.promptTokens(),
            turn.completionTokens());
    if (turn.model() != null && turn.promptTokens() != null) {
      String userId = turn.event().data().sender() == null ? null : turn.event().data().sender().id();
      // what an agent service elsewhere used is metered, but is not the shared model's (its quota counts that)
      boolean sharedModel = turn.ownModel() == null && Turn.DEFAULT_RUNNER.equals(turn.runner());
      usage.record(turn.session(), userId, messageId, turn.model(), turn.promptTokens(),
          turn.completionTokens() == null ? 0 : turn.completionTokens(), !sharedModel);
    }
    return turn;
  }
}
