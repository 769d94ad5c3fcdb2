package io.switchboard.sandbox;

import java.time.Duration;
import org.springframework.util.unit.DataSize;

/**
 * What one run may use. Every field left out of a profile takes the sandbox's default; the model never sets any.
 *
 * @param memory the memory cgroup limit (swap is held to the same, so there is none); the tmpfs counts against it
 * @param cpus CPUs the run may use (fractions allowed)
 * @param pids processes and threads at once
 * @param timeout wall-clock time, enforced inside the container ({@code timeout -s KILL}) and by killing it from outside
 * @param workSize the size of the writable tmpfs at {@code /work} (the working directory) and at {@code /tmp}
 * @param outputCap bytes kept of stdout and of stderr each: the head and the tail, the middle cut with a marker
 * @param network the container's network; {@code none} by default, and only an operator may name another
 * @param outputFiles files the code writes into {@code /work} that come back with the answer, at most
 * @param outputFileSize the largest such file; a larger one is named in the summary, not returned
 */
public record SandboxLimits(DataSize memory, Double cpus, Integer pids, Duration timeout, DataSize workSize, DataSize outputCap, String network,
    Integer outputFiles, DataSize outputFileSize) {

  static final SandboxLimits DEFAULTS = new SandboxLimits(DataSize.ofMegabytes(256), 1.0, 64, Duration.ofSeconds(30), DataSize.ofMegabytes(64),
      DataSize.ofKilobytes(16), "none", 8, DataSize.ofMegabytes(1));

  /** These limits with every field they leave out taken from {@code defaults}. */
  SandboxLimits over(SandboxLimits defaults) {
    return new SandboxLimits(
        memory != null ? memory : defaults.memory,
        cpus != null ? cpus : defaults.cpus,
        pids != null ? pids : defaults.pids,
        timeout != null ? timeout : defaults.timeout,
        workSize != null ? workSize : defaults.workSize,
        outputCap != null ? outputCap : defaults.outputCap,
        network != null && !network.isBlank() ? network : defaults.network,
        outputFiles != null ? outputFiles : defaults.outputFiles,
        outputFileSize != null ? outputFileSize : defaults.outputFileSize);
  }
}
