package io.switchboard.agent;

import io.switchboard.kernel.Locales;
import io.switchboard.kernel.MetaKeys;
import io.switchboard.kernel.Turn;
import io.switchboard.kernel.UserKey;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Pipeline stage: which agent answers a prompt, and so which runner. {@code @researcher what is …} asks that agent
 * once, without switching the conversation; only a configured agent's name counts (a message to {@code @alice} in a
 * group is an ordinary message), and one this user may not use is answered with that. Another agent's question
 * ({@code ask_agent}) goes to the agent it names, on the same terms. Otherwise the conversation's
 * agent answers, through its runner ({@code llm}, {@code webhook}, {@code n8n}, {@code dify}, {@code coze}) and within its timeout.
 */
@Component("agentDispatch")
public class AgentDispatch {

  private static final Pattern MENTION = Pattern.compile("^@([A-Za-z0-9._-]{1,64})\\s+(\\S.*)$", Pattern.DOTALL);

  private final AgentRegistry registry;
  private final ConversationAgents conversations;
  private final MessageSource texts;

  public AgentDispatch(AgentRegistry registry, ConversationAgents conversations, MessageSource texts) {
    this.registry = registry;
    this.conversations = conversations;
    this.texts = texts;
  }

  public Turn route(Turn turn) {
    if (turn.kind() != Turn.Kind.RUNNER || turn.continuation()) {
      return turn;
    }
    if (turn.delegated() ? !putQuestion(turn) : !askMentioned(turn)) {
      return turn; // refused: answered with the reason
    }
    // the runner only: the parameters are read where they are used, not on every turn here
    Agent chosen = conversations.chosen(turn.session(), turn.agentOverride(), UserKey.of(turn.event()));
    turn.runner(chosen.runner(), chosen.timeout());
    return turn;
  }

  /** {@code @name …}: that agent answers this message, when the user may use it. */
  private boolean askMentioned(Turn turn) {
    Matcher mention = MENTION.matcher(turn.promptText().strip());
    Optional<Agent> mentioned = mention.matches() ? registry.find(mention.group(1)) : Optional.empty();
    if (mentioned.isEmpty()) {
      return true; // no agent's name: an ordinary message
    }
    if (!mentioned.get().usableBy(UserKey.of(turn.event()))) {
      turn.reply(texts.getMessage("agent.unknown", new Object[] {mentioned.get().name()}, Locales.of(turn.event())));
      return false;
    }
    turn.askAgent(mentioned.get().name(), mention.group(2));
    return true;
  }

  /** {@code ask_agent}: the agent the question names, for the user whose conversation it is (never beyond their rights). */
  private boolean putQuestion(Turn turn) {
    String asked = String.valueOf(turn.event().meta(MetaKeys.ASKED_AGENT));
    Optional<Agent> agent = registry.find(asked).filter(found -> found.usableBy(UserKey.of(turn.event())));
    if (agent.isEmpty()) {
      turn.reply(texts.getMessage("agent.unknown", new Object[] {asked}, Locales.of(turn.event())));
      turn.replyMeta().put(MetaKeys.ERROR, true); // the asking model reads it as the call's error
      return false;
    }
    turn.askAgent(agent.get().name(), turn.promptText());
    return true;
  }
}
