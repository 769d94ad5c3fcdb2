package io.switchboard.access;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code switchboard.access.*}: admins per platform, and allow/deny lists for all bots plus per bot. A list entry is
 * {@code <platform>:<bot>:<group|private>:<chatId>} for a chat or {@code <platform>:<bot>:user:<userId>} for a user;
 * {@code *} stands for anything.
 */
@ConfigurationProperties("switchboard.access")
public record AccessSettings(Map<String, List<String>> admins, List<String> allow, List<String> deny, Map<String, Lists> bots) {

  public AccessSettings {
    admins = admins == null ? Map.of() : Map.copyOf(admins);
    allow = allow == null ? List.of() : List.copyOf(allow);
    deny = deny == null ? List.of() : List.copyOf(deny);
    bots = bots == null ? Map.of() : Map.copyOf(bots);
  }

  public record Lists(List<String> allow, List<String> deny) {
    public Lists {
      allow = allow == null ? List.of() : List.copyOf(allow);
      deny = deny == null ? List.of() : List.copyOf(deny);
    }
  }
}
