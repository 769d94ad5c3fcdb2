/**
 * Who may do what: admins, stored grants for restricted scenes, allow/deny lists per bot. It answers the command
 * framework's {@link io.switchboard.command.CommandPermissions}.
 */
package io.switchboard.access;
