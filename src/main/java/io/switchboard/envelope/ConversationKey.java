package io.switchboard.envelope;

/**
 * The conversation an event belongs to, written {@code <platform>:<bot>:<chatId>} in the event's {@code subject}.
 * The chat id may itself contain colons (e.g. Slack thread keys); platform and bot may not.
 */
public record ConversationKey(String platform, String bot, String chatId) {

  public static ConversationKey parse(String subject) {
    if (subject == null) {
      throw new IllegalArgumentException("subject is missing");
    }
    String[] parts = subject.split(":", 3);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
      throw new IllegalArgumentException("subject must be <platform>:<bot>:<chatId>, got '" + subject + "'");
    }
    return new ConversationKey(parts[0], parts[1], parts[2]);
  }

  @Override
  public String toString() {
    return platform + ":" + bot + ":" + chatId;
  }
}
