package io.switchboard.access;

import io.switchboard.command.CommandPermissions;
import io.switchboard.envelope.Envelope;
import org.springframework.stereotype.Component;

/** The command framework's permission checks, answered by the admins list and the stored grants. */
@Component
class GrantedCommands implements CommandPermissions {

  private final Admins admins;
  private final Permissions permissions;

  GrantedCommands(Admins admins, Permissions permissions) {
    this.admins = admins;
    this.permissions = permissions;
  }

  @Override
  public boolean isAdmin(Envelope event) {
    return admins.isAdmin(event);
  }

  @Override
  public boolean granted(String userKey, String scene, String command) {
    return permissions.allowed(userKey, scene, command);
  }
}
