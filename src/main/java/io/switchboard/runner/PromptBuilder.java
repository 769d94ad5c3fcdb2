package io.switchboard.runner;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.switchboard.kernel.StoredMessage;
import java.util.ArrayList;
import java.util.List;

/** The messages sent to the model: the system prompt, the kept history (oldest first), then the new message. */
public final class PromptBuilder {

  private PromptBuilder() {}

  public static List<ChatMessage> build(String systemPrompt, List<StoredMessage> history, String userText) {
    List<ChatMessage> messages = new ArrayList<>();
    if (systemPrompt != null && !systemPrompt.isBlank()) {
      messages.add(SystemMessage.from(systemPrompt));
    }
    for (StoredMessage m : history) {
      messages.add(StoredMessage.ASSISTANT.equals(m.role()) ? AiMessage.from(m.text()) : UserMessage.from(m.text()));
    }
    messages.add(UserMessage.from(userText));
    return messages;
  }

  /** A readable rendering for {@code chat --debug}. */
  public static List<String> describe(List<ChatMessage> messages) {
    return messages.stream().map(m -> m.type().name().toLowerCase() + ": " + text(m)).toList();
  }

  private static String text(ChatMessage message) {
    return switch (message) {
      case SystemMessage s -> s.text();
      case UserMessage u -> u.singleText();
      case AiMessage a -> a.text();
      default -> message.toString();
    };
  }
}
