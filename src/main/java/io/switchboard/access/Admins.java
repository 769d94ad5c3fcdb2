package io.switchboard.access;

import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import io.switchboard.kernel.UserKey;
import io.switchboard.user.ApiUsers;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Who is an admin (grants, revokes, exempt from rate limits, the model's prompt echoed with {@code debug}):
 * <ul>
 *   <li>never an event a producer sent, whatever sender it names;
 *   <li>the terminal's user ({@code cli}): it is only reachable from the machine itself, in-process or through the
 *       data directory's owner-only socket, never over HTTP;
 *   <li>on the API and the web chat, API users created with {@code --admin} (the sender there is the authenticated
 *       user);
 *   <li>on any platform, the user ids listed in {@code switchboard.access.admins.<platform>}.
 * </ul>
 */
@Component
public class Admins {

  private final AccessSettings settings;
  private final ApiUsers apiUsers;

  public Admins(AccessSettings settings, ApiUsers apiUsers) {
    this.settings = settings;
    this.apiUsers = apiUsers;
  }

  public boolean isAdmin(Envelope event) {
    if (event.meta(Envelopes.META_PRODUCER) != null) {
      return false;
    }
    String user = UserKey.userId(event);
    if (user == null) {
      return false;
    }
    String platform = event.conversation().platform();
    if (platform.equals("cli")) {
      return true;
    }
    if (settings.admins().getOrDefault(platform, List.of()).contains(user)) {
      return true;
    }
    return (platform.equals("api") || platform.equals("web")) && apiUsers.isAdmin(user);
  }
}
