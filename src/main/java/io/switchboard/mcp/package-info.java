/**
 * MCP servers as tool sources: each {@code switchboard.mcp.servers.<name>} (streamable HTTP or a stdio command)
 * connected in the background, its tools offered as {@code <name>.<tool>}, refreshed when the server says its list
 * changed, and withdrawn while it is down.
 */
package io.switchboard.mcp;
