package io.switchboard.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * The sandbox against the real Docker daemon and the images {@code switchboard sandbox build} makes (.ci/run starts
 * dockerd and builds them): each attack is contained and summarised truthfully, and no container is left behind.
 */
class DockerSandboxTest {

  static final SandboxLimits SHORT = new SandboxLimits(null, null, null, Duration.ofSeconds(4), null, null, null, null, null);
  static final Map<String, SandboxSettings.Profile> PROFILES = Map.of(
      "python", new SandboxSettings.Profile("switchboard-sandbox:python", "python", "main.py", List.of("python3", "{file}"), SHORT),
      "shell", new SandboxSettings.Profile("switchboard-sandbox:shell", "shell", "main.sh", List.of("sh", "{file}"), SHORT),
      "ghost", new SandboxSettings.Profile("switchboard-sandbox:no-such-image", "python", "main.py", List.of("python3", "{file}"), SHORT));
  static DockerSandbox sandbox;
  static DockerClient docker;

  @BeforeAll
  static void daemon() {
    sandbox = new DockerSandbox(new SandboxSettings(null, 4, null, PROFILES));
    assertThat(sandbox.available()).as("the Docker daemon answers (.ci/run starts it)").isTrue();
    var config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost("unix:///var/run/docker.sock")
        .withApiVersion(RemoteApiVersion.UNKNOWN_VERSION).build();
    docker = DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build());
  }

  @AfterAll
  static void close() throws Exception {
    sandbox.destroy();
    if (docker != null) {
      docker.close();
    }
  }

  @AfterEach
  void noContainerIsLeftBehind() {
    assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(DockerSandbox.LABEL)).exec()).isEmpty();
  }

  private static SandboxResult run(String profile, String code) throws Exception {
    return sandbox.run(new SandboxRequest(profile, code, Map.of()));
  }

  @Test
  void codeRunsAndItsOutputAndExitCodeComeBack() throws Exception {
    SandboxResult result = run("python", "import sys\nprint(6 * 7)\nprint('oops', file=sys.stderr)\nsys.exit(3)");
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.stdout()).isEqualTo("42\n");
    assertThat(result.stderr()).isEqualTo("oops\n");
    assertThat(result.stoppedBy()).isEqualTo(SandboxResult.Stop.NONE);
    assertThat(result.summary()).startsWith("exit 3 in ");
  }

  @Test
  void inputFilesAreInTheWorkingDirectoryAndItIsWritable() throws Exception {
    SandboxResult result = sandbox.run(new SandboxRequest("shell", "cat notes.txt; echo more >> notes.txt; wc -l < notes.txt; id -u",
        Map.of("notes.txt", "first line\n".getBytes())));
    assertThat(result.stdout()).isEqualTo("first line\n2\n10000\n");
  }

  @Test
  void aForkBombIsHeldByThePidsLimitAndKilledAtTheTimeLimit() throws Exception {
    SandboxResult result = run("shell", "bomb() { bomb | bomb & }; bomb; sleep 60");
    assertThat(result.stoppedBy()).isEqualTo(SandboxResult.Stop.TIME_LIMIT);
    assertThat(result.pidsLimitReached()).isTrue();
    assertThat(result.summary()).startsWith("killed: time limit 4 s; pids limit 64 reached");
    assertThat(result.duration()).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void aMemoryHogIsKilledAtTheMemoryLimit() throws Exception {
    SandboxResult result = run("python", "hog = b'x' * (1024 * 1024 * 1024)\nprint(len(hog))");
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stoppedBy()).isEqualTo(SandboxResult.Stop.MEMORY_LIMIT);
    assertThat(result.summary()).startsWith("killed: memory limit 256 MiB");
  }

  @Test
  void anInfiniteLoopIsKilledAtTheTimeLimit() throws Exception {
    SandboxResult result = run("python", "while True:\n    pass");
    assertThat(result.stoppedBy()).isEqualTo(SandboxResult.Stop.TIME_LIMIT);
    assertThat(result.exitCode()).isEqualTo(137);
    assertThat(result.duration()).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(12));
    assertThat(result.stderr()).as("the wrapper's own notices are not the code's output").isEmpty();
  }

  @Test
  void thereIsNoNetwork() throws Exception {
    SandboxResult result = run("python", "import socket\nsocket.create_connection(('1.1.1.1', 53), timeout=3)");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("Network is unreachable");
    SandboxResult names = run("python", "import socket\nsocket.getaddrinfo('deb.debian.org', 80)");
    assertThat(names.exitCode()).isEqualTo(1);
    assertThat(names.stderr()).contains("socket.gaierror");
  }

  @Test
  void nothingOutsideTheWorkingDirectoryAndTmpCanBeWritten() throws Exception {
    SandboxResult result = run("shell", "echo x > /etc/owned; echo x > /usr/bin/owned; echo x > /tmp/ok && echo tmp-ok");
    assertThat(result.stderr()).contains("/etc/owned: Read-only file system").contains("/usr/bin/owned: Read-only file system");
    assertThat(result.stdout()).isEqualTo("tmp-ok\n");
  }

  @Test
  void theHostsEnvironmentIsNotVisibleAndNeitherIsTheCodeItself() throws Exception {
    SandboxResult result = run("python", "import os\nprint('\\n'.join(sorted(os.environ)))");
    Set<String> seen = Set.of(result.stdout().strip().split("\n"));
    // the image's and the shell's own (OLDPWD from the wrapper's cd; LC_CTYPE is Python's locale coercion), nothing else
    assertThat(seen).allMatch(name -> Set.of("PATH", "HOSTNAME", "HOME", "PWD", "OLDPWD", "SHLVL", "LC_CTYPE", "_").contains(name));
    assertThat(result.stdout()).doesNotContain("SB_");
  }

  @Test
  void aPrivilegeEscalationAttemptFindsNoCapabilities() throws Exception {
    SandboxResult result = run("shell", "grep -E '^(CapEff|CapBnd|NoNewPrivs)' /proc/self/status; chown 0 /work 2>&1 || echo refused");
    assertThat(result.stdout()).contains("CapEff:\t0000000000000000").contains("CapBnd:\t0000000000000000").contains("NoNewPrivs:\t1").contains("refused");
  }

  @Test
  void tenMegabytesOfOutputAreCutToTheCapWithAMarker() throws Exception {
    SandboxResult result = run("python", "import sys\nsys.stdout.write('a' * 5_000_000 + 'b' * 5_000_000)");
    assertThat(result.stdoutTruncated()).isTrue();
    assertThat(result.stdoutBytes()).isEqualTo(10_000_000);
    assertThat(result.stdout()).startsWith("aaaa").endsWith("bbbb").contains("… 9983616 bytes cut …");
    assertThat(result.stdout().length()).isLessThan((int) DataSize.ofKilobytes(17).toBytes());
    assertThat(result.summary()).contains("stdout truncated (10000000 bytes, 16 KiB kept)");
  }

  @Test
  void tenRunsAtOnceAreHeldToMaxConcurrent() throws Exception {
    String code = "import time\nstart = time.time()\ntime.sleep(1)\nprint(start, time.time())";
    List<Future<SandboxResult>> runs = new ArrayList<>();
    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 10; i++) {
        runs.add(callers.submit(() -> run("python", code)));
      }
    }
    List<double[]> spans = new ArrayList<>();
    for (Future<SandboxResult> run : runs) {
      SandboxResult result = run.get();
      assertThat(result.exitCode()).isZero();
      String[] times = result.stdout().strip().split(" ");
      spans.add(new double[] {Double.parseDouble(times[0]), Double.parseDouble(times[1])});
    }
    int most = 0;
    for (double[] span : spans) {
      int overlapping = (int) spans.stream().filter(other -> other[0] <= span[0] && span[0] < other[1]).count();
      most = Math.max(most, overlapping);
    }
    assertThat(most).isBetween(1, 4);
  }

  @Test
  void theFilesTheCodeWritesComeBackButNotItsCodeNorItsInputs() throws Exception {
    SandboxResult result = sandbox.run(new SandboxRequest("python",
        "open('out.csv', 'w').write('a,b\\n1,2\\n')\nopen('notes.txt', 'a').write('changed')\nopen('/tmp/scratch', 'w').write('x')\nprint('ok')",
        Map.of("notes.txt", "given\n".getBytes())));
    assertThat(result.stdout()).isEqualTo("ok\n");
    assertThat(result.files().returned()).singleElement().satisfies(file -> {
      assertThat(file.name()).isEqualTo("out.csv");
      assertThat(new String(file.content())).isEqualTo("a,b\n1,2\n");
    });
    assertThat(result.summary()).isEqualTo("exit 0 in " + String.format(java.util.Locale.ROOT, "%.1f s", result.duration().toMillis() / 1000.0)
        + "; files: out.csv (8 B)");
  }

  @Test
  void outputFilesAreHeldToTheirCountAndSize() throws Exception {
    SandboxResult result = run("shell", "head -c 2000000 /dev/zero > big.bin; for i in 0 1 2 3 4 5 6 7 8 9; do echo $i > f$i.txt; done;"
        + " ln -s /etc/passwd link.txt; echo x > '.hidden'");
    assertThat(result.files().returned()).extracting(OutputFiles.OutputFile::name)
        .containsExactly("f0.txt", "f1.txt", "f2.txt", "f3.txt", "f4.txt", "f5.txt", "f6.txt");
    assertThat(result.files().notReturned()).containsExactly("big.bin (2000000 bytes, over 1024 KiB)", "3 more files (at most 8 are returned)");
    assertThat(result.summary()).contains("not returned: big.bin (2000000 bytes, over 1024 KiB), 3 more files");
  }

  @Test
  void whatTheCodeLeavesRunningIsKilledBeforeItsFilesAreListed() throws Exception {
    // the loop floods stdout; were it still running, its lines would break into the listing of the files
    SandboxResult result = run("shell", "(while true; do echo noise; done) & sleep 0.3; echo result > answer.txt; echo done >&2");
    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).contains("noise");
    assertThat(result.stderr()).isEqualTo("done\n");
    assertThat(result.files().returned()).singleElement().satisfies(file -> assertThat(new String(file.content())).isEqualTo("result\n"));
    assertThat(result.files().notReturned()).isEmpty();
  }

  @Test
  void aRunStoppedAtItsTimeLimitStillReturnsWhatItWrote() throws Exception {
    SandboxResult result = run("python", "open('partial.txt', 'w').write('so far')\nwhile True: pass");
    assertThat(result.stoppedBy()).isEqualTo(SandboxResult.Stop.TIME_LIMIT);
    assertThat(result.files().returned()).extracting(OutputFiles.OutputFile::name).containsExactly("partial.txt");
  }

  @Test
  void aContainerLeftByAnInstanceThatDiedIsRemovedOnceNoLiveRunCanBeThatOld() {
    String id = docker.createContainerCmd("switchboard-sandbox:shell").withLabels(Map.of(DockerSandbox.LABEL, "shell"))
        .withCmd("true").exec().getId();
    SandboxLeftovers leftovers = new SandboxLeftovers(sandbox);
    assertThat(leftovers.remove(java.time.Instant.now())).as("as young as a live run: kept").isZero();
    assertThat(leftovers.remove(java.time.Instant.now().plus(SHORT.timeout()).plus(SandboxLeftovers.MARGIN).plusSeconds(5))).isEqualTo(1);
    assertThat(docker.listContainersCmd().withShowAll(true).withIdFilter(List.of(id)).exec()).isEmpty();
  }

  @Test
  void aMissingImageSaysHowToBuildIt() {
    assertThatThrownBy(() -> run("ghost", "print(1)")).isInstanceOf(SandboxUnavailableException.class).hasMessageContaining("switchboard sandbox build");
  }

  @Test
  void badInputIsRefusedBeforeAContainerIsMade() {
    assertThatThrownBy(() -> sandbox.run(new SandboxRequest("python", "print(1)", Map.of("../etc/passwd", new byte[1]))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not allowed");
    assertThatThrownBy(() -> run("cobol", "DISPLAY 'HI'")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no sandbox profile cobol");
  }
}
