package io.switchboard.agent;

import io.switchboard.kernel.Locales;
import io.switchboard.kernel.Turn;
import io.switchboard.kernel.UserKey;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Pipeline stage: {@code @researcher what is …} asks that agent once, without switching the conversation. Only a
 * configured agent's name counts (a message to {@code @alice} in a group is an ordinary message); one this user may
 * not use is answered with that.
 */
@Component("agentMentions")
public class AgentMentions {

  private static final Pattern MENTION = Pattern.compile("^@([A-Za-z0-9._-]{1,64})\\s+(\\S.*)$", Pattern.DOTALL);

  private final AgentRegistry registry;
  private final MessageSource texts;

  public AgentMentions(AgentRegistry registry, MessageSource texts) {
    this.registry = registry;
    this.texts = texts;
  }

  public Turn route(Turn turn) {
    if (turn.kind() != Turn.Kind.RUNNER || turn.continuation()) {
      return turn;
    }
    Matcher mention = MENTION.matcher(turn.promptText().strip());
    if (!mention.matches()) {
      return turn;
    }
    Optional<Agent> agent = registry.find(mention.group(1));
    if (agent.isEmpty()) {
      return turn;
    }
    if (!agent.get().usableBy(UserKey.of(turn.event()))) {
      turn.reply(texts.getMessage("agent.unknown", new Object[] {agent.get().name()}, Locales.of(turn.event())));
      return turn;
    }
    turn.askAgent(agent.get().name(), mention.group(2));
    return turn;
  }
}
