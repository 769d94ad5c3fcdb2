package io.switchboard.access;

import io.switchboard.envelope.Envelope;
import java.util.List;
import org.springframework.stereotype.Component;

/** The admins listed in config per platform ({@code switchboard.access.admins.<platform>}). */
@Component
public class Admins {

  private final AccessSettings settings;

  public Admins(AccessSettings settings) {
    this.settings = settings;
  }

  public boolean isAdmin(Envelope event) {
    String user = userId(event);
    return user != null && settings.admins().getOrDefault(event.conversation().platform(), List.of()).contains(user);
  }

  /** The user as permissions know them: {@code <platform>:<userId>}, or null for an event without a sender. */
  public static String userKey(Envelope event) {
    String user = userId(event);
    return user == null ? null : event.conversation().platform() + ":" + user;
  }

  private static String userId(Envelope event) {
    return event.data() == null || event.data().sender() == null ? null : event.data().sender().id();
  }
}
