package io.switchboard.tool;

import java.util.List;

/** A provider of tools whose list can change at run time (the HTTP tools of configuration, an MCP server). */
public interface ToolSource {

  List<Tool> tools();
}
