package io.switchboard.producer;

import io.switchboard.access.AccessLists;
import java.util.List;

/**
 * What a producer token may do. A scope is
 * <ul>
 *   <li>{@code events}: publish CloudEvents into producer conversations (a platform Switchboard does not serve, e.g.
 *       {@code ci:build:42});
 *   <li>{@code events:<platform>:<bot>}: publish CloudEvents into that platform's conversations too, as the sender the
 *       event names. The platform is named literally ({@code events:telegram:*} for every Telegram bot);
 *   <li>{@code notify:<platform>:<bot>:<chatId>}: notifications to matching chats;
 *   <li>{@code topic:<name>}: messages to matching topics;
 *   <li>{@code *}: all of the above except acting in a platform's conversations, which only an explicit
 *       {@code events:<platform>:…} scope allows.
 * </ul>
 * {@code *} is a wildcard inside a scope, e.g. {@code notify:telegram:*:*} or {@code topic:build-*}.
 */
public final class TokenScopes {

  public static final String EVENTS = "events";
  public static final String NOTIFY = "notify";
  public static final String TOPIC = "topic";
  /** What a token gets when created without scopes: the narrowest scope that is still of use. */
  public static final List<String> DEFAULT = List.of(EVENTS);

  private TokenScopes() {}

  /** @param resource the target ({@code notify}), the topic name ({@code topic}); ignored for {@code events} */
  public static boolean allows(List<String> scopes, String action, String resource) {
    for (String scope : scopes) {
      if (scope.equals("*") || scope.equals(action + ":*")) {
        return true;
      }
      if (EVENTS.equals(action) ? scope.equals(EVENTS) || scope.startsWith(EVENTS + ":")
          : resource != null && AccessLists.matches(scope, action + ":" + resource)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a token may publish events into conversations of this platform and bot, acting as their users. */
  public static boolean mayActIn(List<String> scopes, String platform, String bot) {
    for (String scope : scopes) {
      String[] parts = scope.split(":", 3);
      if (parts.length == 3 && parts[0].equals(EVENTS) && parts[1].equals(platform) && AccessLists.matches(parts[2], bot)) {
        return true;
      }
    }
    return false;
  }

  static void validate(List<String> scopes) {
    for (String scope : scopes) {
      boolean known = scope.equals("*") || scope.equals(EVENTS) || scope.matches("events:[a-z0-9_-]+:[A-Za-z0-9_.*-]+")
          || scope.startsWith(NOTIFY + ":") || scope.startsWith(TOPIC + ":");
      if (!known) {
        throw new IllegalArgumentException("unknown scope '" + scope
            + "': use events, events:<platform>:<bot>, notify:<platform>:<bot>:<chat>, topic:<name> or * (* as wildcard; the platform of events:… literally)");
      }
    }
  }
}
