package io.switchboard.producer;

import io.switchboard.access.AccessLists;
import java.util.List;

/**
 * What a producer token may do. A scope is {@code *} (everything), {@code events} (publish CloudEvents),
 * {@code notify:<platform>:<bot>:<chatId>} (notifications to matching chats) or {@code topic:<name>} (messages to
 * matching topics); {@code *} is a wildcard inside a scope, e.g. {@code notify:telegram:*:*} or {@code topic:build-*}.
 */
public final class TokenScopes {

  public static final String EVENTS = "events";
  public static final String NOTIFY = "notify";
  public static final String TOPIC = "topic";

  private TokenScopes() {}

  /** @param resource the target ({@code notify}), the topic name ({@code topic}); ignored for {@code events} */
  public static boolean allows(List<String> scopes, String action, String resource) {
    for (String scope : scopes) {
      if (scope.equals("*") || scope.equals(action) && EVENTS.equals(action)
          || scope.equals(action + ":*") || (resource != null && AccessLists.matches(scope, action + ":" + resource))) {
        return true;
      }
    }
    return false;
  }

  static void validate(List<String> scopes) {
    for (String scope : scopes) {
      if (!(scope.equals("*") || scope.equals(EVENTS) || scope.startsWith(NOTIFY + ":") || scope.startsWith(TOPIC + ":"))) {
        throw new IllegalArgumentException("unknown scope '" + scope + "': use *, events, notify:<platform>:<bot>:<chat> or topic:<name> (* as wildcard)");
      }
    }
  }
}
