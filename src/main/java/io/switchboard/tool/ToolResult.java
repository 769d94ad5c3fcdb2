package io.switchboard.tool;

import io.switchboard.files.FileRef;
import java.util.List;

/** What a call returns: the text the model reads, and the files it produced (stored, and attached to the answer). */
public record ToolResult(String text, List<FileRef> files) {

  public ToolResult {
    files = files == null ? List.of() : List.copyOf(files);
  }

  public static ToolResult text(String text) {
    return new ToolResult(text, List.of());
  }
}
