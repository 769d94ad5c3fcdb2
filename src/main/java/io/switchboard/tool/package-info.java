/**
 * Tools an agent may call: the {@link io.switchboard.tool.Tool} seam, built-ins, HTTP tools from configuration, the
 * registry that joins them with every {@link io.switchboard.tool.ToolSource} (MCP servers), and which agent may use
 * which.
 */
package io.switchboard.tool;
