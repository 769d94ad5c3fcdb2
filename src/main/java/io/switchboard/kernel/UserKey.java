package io.switchboard.kernel;

import io.switchboard.envelope.Envelope;

/** The sender as permissions, quotas and own keys know them: {@code <platform>:<userId>}. */
public final class UserKey {

  private UserKey() {}

  /** The event's sender, or null for an event without one. */
  public static String of(Envelope event) {
    String user = userId(event);
    return user == null ? null : event.conversation().platform() + ":" + user;
  }

  /** The platform's id of the sender, or null. */
  public static String userId(Envelope event) {
    return event.data() == null || event.data().sender() == null ? null : event.data().sender().id();
  }
}
