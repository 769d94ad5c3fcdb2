package io.switchboard.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a run did, as the model and the user both read it: the exit code, how long it took, the limit that stopped it
 * if one did, its output (capped, with truncation flagged), and the files it wrote.
 */
public record SandboxResult(int exitCode, Duration duration, Stop stoppedBy, boolean pidsLimitReached, String stdout, long stdoutBytes,
    boolean stdoutTruncated, String stderr, long stderrBytes, boolean stderrTruncated, OutputFiles files, SandboxLimits limits) {

  public SandboxResult {
    files = files == null ? OutputFiles.NONE : files;
  }

  /** The limit that ended a run, if any. */
  public enum Stop { NONE, TIME_LIMIT, MEMORY_LIMIT }

  /** One line: how the run ended, and what was cut. */
  public String summary() {
    List<String> parts = new ArrayList<>();
    String took = String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    parts.add(switch (stoppedBy) {
      case TIME_LIMIT -> "killed: time limit " + limits.timeout().toSeconds() + " s";
      case MEMORY_LIMIT -> "killed: memory limit " + limits.memory().toMegabytes() + " MiB (after " + took + ")";
      case NONE -> "exit " + exitCode + " in " + took;
    });
    if (pidsLimitReached) {
      parts.add("pids limit " + limits.pids() + " reached");
    }
    if (stdoutTruncated) {
      parts.add("stdout truncated (" + stdoutBytes + " bytes, " + limits.outputCap().toKilobytes() + " KiB kept)");
    }
    if (stderrTruncated) {
      parts.add("stderr truncated (" + stderrBytes + " bytes, " + limits.outputCap().toKilobytes() + " KiB kept)");
    }
    if (!files.returned().isEmpty()) {
      parts.add("files: " + String.join(", ", files.returned().stream().map(f -> f.name() + " (" + size(f.content().length) + ")").toList()));
    }
    if (!files.notReturned().isEmpty()) {
      parts.add("not returned: " + String.join(", ", files.notReturned()));
    }
    return String.join("; ", parts);
  }

  private static String size(long bytes) {
    return bytes < 1024 ? bytes + " B" : String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
  }
}
