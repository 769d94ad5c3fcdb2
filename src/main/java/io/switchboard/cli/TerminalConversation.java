package io.switchboard.cli;

import io.switchboard.channel.LocalConversations;
import io.switchboard.config.SwitchboardProperties;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import io.switchboard.kernel.Session;
import io.switchboard.store.SessionRepository;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The terminal channel inside this process: platform {@code cli}, one session per user, kept across runs. */
@Component
class TerminalConversation {

  static final String PLATFORM = "cli";

  private final LocalConversations conversations;
  private final SessionRepository sessions;
  private final Duration timeout;

  TerminalConversation(LocalConversations conversations, SessionRepository sessions, SwitchboardProperties properties) {
    this.conversations = conversations;
    this.sessions = sessions;
    this.timeout = properties.api().replyTimeout();
  }

  Terminal open(String user) {
    Session session =
        sessions.findByUser(user, PLATFORM).stream().findFirst().orElseGet(() -> sessions.create(PLATFORM, "default", user, "default"));
    ConversationKey key = new ConversationKey(session.platform(), session.bot(), session.chatId());
    return (text, debug, partials) -> {
      Map<String, Object> meta = debug ? Map.of(Envelopes.META_DEBUG, true) : Map.of();
      Envelope.Sender sender = new Envelope.Sender(user, user);
      Envelope reply = (partials == null ? conversations.ask(key, sender, text, meta, timeout)
          : conversations.askStreaming(key, sender, text, meta, timeout, partial -> partials.accept(partial.text()))).get();
      return new Terminal.Reply(reply.text(), prompt(reply));
    };
  }

  @SuppressWarnings("unchecked")
  private static List<String> prompt(Envelope reply) {
    Object prompt = reply.meta("prompt");
    return prompt instanceof List<?> list ? (List<String>) list : List.of();
  }
}
