/**
 * The scene/cmd framework: parsing, resolution, permission checks (asked of {@link
 * io.switchboard.command.CommandPermissions}), help, and scenes from Java beans and YAML routes.
 */
package io.switchboard.command;
