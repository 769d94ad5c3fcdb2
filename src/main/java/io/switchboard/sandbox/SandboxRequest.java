package io.switchboard.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One run: the profile, the code, and small input files written next to it in {@code /work}. Names are plain file
 * names (no directories, no leading dot), so nothing lands outside the working directory.
 */
public record SandboxRequest(String profile, String code, Map<String, byte[]> files) {

  /** Bytes of code and of each input file; larger ones are refused before a container is made. */
  public static final int MAX_INPUT_BYTES = 96 * 1024;
  static final int MAX_FILES = 8;
  private static final Pattern FILE_NAME = Pattern.compile("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$");

  public SandboxRequest {
    files = files == null ? Map.of() : Map.copyOf(files);
    code = code == null ? "" : code;
  }

  /** A plain file name: letters, digits, {@code . _ -}, no leading dot, at most 64 characters. */
  static boolean safeName(String name) {
    return name != null && FILE_NAME.matcher(name).matches();
  }

  /** Why this request cannot run, or null. */
  String problem(SandboxSettings.Profile resolved) {
    if (code.getBytes(StandardCharsets.UTF_8).length > MAX_INPUT_BYTES) {
      return "the code is over " + MAX_INPUT_BYTES / 1024 + " KiB";
    }
    if (files.size() > MAX_FILES) {
      return "more than " + MAX_FILES + " input files";
    }
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      if (!safeName(file.getKey()) || file.getKey().equals(resolved.file())) {
        return "the file name \"" + file.getKey() + "\" is not allowed (letters, digits, . _ -, no leading dot, not " + resolved.file() + ")";
      }
      if (file.getValue().length > MAX_INPUT_BYTES) {
        return "the file " + file.getKey() + " is over " + MAX_INPUT_BYTES / 1024 + " KiB";
      }
    }
    return null;
  }
}
