package io.switchboard.web;

import io.switchboard.agent.Agent;
import io.switchboard.agent.AgentRegistry;
import io.switchboard.agent.ConversationAgents;
import io.switchboard.bot.Bots;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.kernel.Session;
import io.switchboard.store.SessionRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The web chat's agent picker: the agents its user may use and the chat's current one; a new chat starts with the
 * agent the user picked, an open one switches as {@code /agent use} does (its {@code /set} parameters go). The choice
 * is the session's, in the database, so it holds across reloads, restarts and instances.
 */
@Component
class WebChatAgents {

  private final AgentRegistry registry;
  private final ConversationAgents conversations;
  private final SessionRepository sessions;
  private final Bots bots;

  WebChatAgents(AgentRegistry registry, ConversationAgents conversations, SessionRepository sessions, Bots bots) {
    this.registry = registry;
    this.conversations = conversations;
    this.sessions = sessions;
    this.bots = bots;
  }

  /** The picker's content: {@code {"type":"agents","agents":[{name, description}],"current":name}}. */
  Map<String, Object> picker(ConversationKey chat, String user) {
    String current = sessions.findByConversation(chat).map(Session::agent).orElseGet(() -> defaultAgent(chat));
    List<Map<String, String>> agents = registry.usableBy(userKey(chat, user)).stream()
        .map(agent -> Map.of("name", agent.name(), "description", agent.description() == null ? "" : agent.description()))
        .toList();
    Map<String, Object> frame = new LinkedHashMap<>();
    frame.put("type", "agents");
    frame.put("agents", agents);
    frame.put("current", registry.get(current).name());
    return frame;
  }

  /** A chat that has no session yet starts with the agent the browser asks for, when its user may use it. */
  void startWith(ConversationKey chat, String user, String agent) {
    if (agent != null && sessions.findByConversation(chat).isEmpty() && usable(chat, user, agent).isPresent()) {
      sessions.findOrCreate(chat, user, agent);
    }
  }

  /** Switches the chat to the agent; the reason when the user may not use it (or it does not exist). */
  Optional<String> choose(ConversationKey chat, String user, String agent) {
    Optional<Agent> chosen = usable(chat, user, agent);
    if (chosen.isEmpty()) {
      return Optional.of("there is no agent '" + agent + "' that you may use");
    }
    Session session = sessions.findOrCreate(chat, user, defaultAgent(chat));
    conversations.use(session.id(), chosen.get().name());
    return Optional.empty();
  }

  private Optional<Agent> usable(ConversationKey chat, String user, String agent) {
    return registry.find(agent).filter(found -> found.usableBy(userKey(chat, user)));
  }

  /** The agent a new conversation talks to, as the pipeline picks it: its bot's. */
  private String defaultAgent(ConversationKey chat) {
    return bots.find(chat.bot()).map(Bots.ConfiguredBot::agent).orElse(Agent.DEFAULT);
  }

  private static String userKey(ConversationKey chat, String user) {
    return chat.platform() + ":" + user;
  }
}
