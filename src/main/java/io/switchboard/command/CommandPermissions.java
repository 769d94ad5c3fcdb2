package io.switchboard.command;

import io.switchboard.envelope.Envelope;

/**
 * What the command framework asks of access control before it runs a command. The access package answers it
 * (admins and grants); the framework stays free of who decides.
 */
public interface CommandPermissions {

  /** Admins may run every command and see the model's prompt with {@code debug}. */
  boolean isAdmin(Envelope event);

  /** Whether the user (see {@link io.switchboard.kernel.UserKey}) holds a grant for this command of a restricted scene. */
  boolean granted(String userKey, String scene, String command);
}
