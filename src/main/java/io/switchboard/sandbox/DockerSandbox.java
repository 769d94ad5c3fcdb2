package io.switchboard.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Runs code in a throw-away Docker container held to its profile's limits: no network, a memory cgroup without swap,
 * a CPU quota, a pids limit, a read-only root with size-capped tmpfs at {@code /work} and {@code /tmp}, every
 * capability dropped, no-new-privileges, an unprivileged user, and a wall-clock limit enforced twice (inside by
 * {@code timeout -s KILL}, outside by killing the container). The container is always removed.
 *
 * <p>docker-java directly rather than camel-docker: the limits live in {@code HostConfig}, which camel-docker's
 * endpoint options do not reach. Code and input files travel as environment variables (base64), because a
 * read-only root refuses {@code docker cp}; the wrapper writes them into {@code /work} and removes them from the
 * environment before the code starts. The files the code leaves in {@code /work} come back the same way in reverse:
 * a tmpfs is gone with its container (and {@code docker cp} does not reach one), so once the code and everything it
 * started are killed, the wrapper lists them on stdout after a boundary line ({@link RunOutput}).
 */
@Component
public class DockerSandbox implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(DockerSandbox.class);
  /** The uid:gid code runs as; the images name it {@code sandbox}. */
  static final String USER = "10000:10000";
  static final String LABEL = "io.switchboard.sandbox.run";
  /** What shells and Python say when the pids limit refuses a fork (EAGAIN): the summary then names the limit. */
  private static final List<String> FORK_FAILURES = List.of("Cannot fork", "Resource temporarily unavailable", "can't fork");

  private final SandboxSettings settings;
  private final Semaphore slots;
  private static final long AVAILABILITY_TTL_NANOS = TimeUnit.SECONDS.toNanos(10);
  private volatile DockerClient docker;
  private volatile long checkedAt;
  private volatile boolean lastAvailable;

  /** Runs that found every slot taken: zero while the runs arrive through the bus, whose consumers match the slots. */
  private final AtomicLong slotWaits = new AtomicLong();

  public DockerSandbox(SandboxSettings settings) {
    this.settings = settings;
    this.slots = new Semaphore(settings.maxConcurrent(), true);
  }

  @Autowired
  public DockerSandbox(SandboxSettings settings, MeterRegistry meters) {
    this(settings);
    FunctionCounter.builder("switchboard.sandbox.slot.waits", slotWaits, AtomicLong::get)
        .description("Sandbox runs that waited in memory for a free slot (runs wait in the sb.sandbox queue instead)")
        .register(meters);
  }

  public long slotWaits() {
    return slotWaits.get();
  }

  public SandboxSettings settings() {
    return settings;
  }

  /** Whether the daemon answers now; never throws. */
  public boolean available() {
    try {
      client().pingCmd().exec();
      return true;
    } catch (RuntimeException e) {
      log.debug("The Docker daemon at {} does not answer", settings.dockerHost(), e);
      return false;
    }
  }

  /**
   * Why runs cannot happen, or empty; asked on every turn that may offer {@code run_code}, so the daemon's answer is
   * kept for a few seconds.
   */
  public Optional<String> unavailable() {
    long now = System.nanoTime();
    if (now - checkedAt > AVAILABILITY_TTL_NANOS || checkedAt == 0) {
      lastAvailable = available();
      checkedAt = now;
    }
    return lastAvailable ? Optional.empty() : Optional.of("no Docker daemon answers at " + settings.dockerHost());
  }

  /** Runs a request; waits for one of the {@code max-concurrent} slots first. */
  public SandboxResult run(SandboxRequest request) throws SandboxUnavailableException, InterruptedException {
    SandboxSettings.Profile profile = settings.profiles().get(request.profile());
    if (profile == null) {
      throw new IllegalArgumentException("there is no sandbox profile " + request.profile() + " (" + String.join(", ", settings.profiles().keySet()) + ")");
    }
    String problem = request.problem(profile);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    if (!slots.tryAcquire()) {
      slotWaits.incrementAndGet();
      slots.acquire();
    }
    try {
      return runNow(profile, request);
    } finally {
      slots.release();
    }
  }

  private SandboxResult runNow(SandboxSettings.Profile profile, SandboxRequest request) throws SandboxUnavailableException, InterruptedException {
    SandboxLimits limits = settings.limitsOf(profile);
    String name = "switchboard-sandbox-" + UUID.randomUUID();
    String boundary = "--switchboard-files-" + UUID.randomUUID() + "--";
    DockerClient client = client();
    String id;
    try {
      id = client.createContainerCmd(profile.image())
          .withName(name)
          .withUser(USER)
          .withWorkingDir("/work")
          .withNetworkDisabled("none".equals(limits.network()))
          .withLabels(Map.of(LABEL, request.profile()))
          .withEnv(environment(profile, request, boundary))
          .withCmd("/bin/sh", "-c", wrapper(profile, limits))
          .withHostConfig(hostConfig(limits))
          .exec()
          .getId();
    } catch (NotFoundException e) {
      throw new SandboxUnavailableException("the image " + profile.image() + " is missing: run `switchboard sandbox build`", e);
    } catch (RuntimeException e) {
      throw new SandboxUnavailableException("Docker refused to create the container: " + e.getMessage(), e);
    }
    try {
      long started = System.nanoTime();
      client.startContainerCmd(id).exec();
      boolean finished = waitFor(client, id, limits.timeout().plusSeconds(5));
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      if (!finished) {
        kill(client, id); // the inner timeout did not end it: the outer one does
      }
      InspectContainerResponse.ContainerState state = client.inspectContainerCmd(id).exec().getState();
      CappedOutput stdout = new CappedOutput((int) limits.outputCap().toBytes());
      CappedOutput stderr = new CappedOutput((int) limits.outputCap().toBytes());
      RunOutput output = new RunOutput(boundary, stdout, OutputFiles.cap(limits));
      readLogs(client, id, output, stderr);
      OutputFiles files = output.filesListed() ? OutputFiles.parse(output.files(), output.filesOverflowed(), limits) : OutputFiles.NONE;
      int exit = state.getExitCodeLong() == null ? -1 : state.getExitCodeLong().intValue();
      SandboxResult.Stop stop = Boolean.TRUE.equals(state.getOOMKilled()) ? SandboxResult.Stop.MEMORY_LIMIT
          : !finished || (exit == 137 && took.compareTo(limits.timeout()) >= 0) ? SandboxResult.Stop.TIME_LIMIT
          : SandboxResult.Stop.NONE;
      boolean pids = FORK_FAILURES.stream().anyMatch(stderr.text()::contains);
      return new SandboxResult(exit, took, stop, pids, stdout.text(), stdout.total(), stdout.truncated(), stderr.text(), stderr.total(),
          stderr.truncated(), files, limits);
    } catch (RuntimeException e) {
      throw new SandboxUnavailableException("the run failed in Docker: " + e.getMessage(), e);
    } finally {
      remove(client, id);
    }
  }

  private static HostConfig hostConfig(SandboxLimits limits) {
    String tmpfs = "rw,nosuid,nodev,size=" + limits.workSize().toBytes() + ",uid=10000,gid=10000,mode=0700";
    return HostConfig.newHostConfig()
        .withNetworkMode(limits.network())
        .withMemory(limits.memory().toBytes())
        .withMemorySwap(limits.memory().toBytes()) // swap the same as memory: none
        .withNanoCPUs((long) (limits.cpus() * 1_000_000_000L))
        .withPidsLimit(limits.pids().longValue())
        .withReadonlyRootfs(true)
        .withTmpFs(Map.of("/work", tmpfs, "/tmp", tmpfs))
        .withCapDrop(Capability.ALL)
        .withSecurityOpts(List.of("no-new-privileges"))
        .withAutoRemove(false); // removed by us, after its logs are read
  }

  /** The code and files as base64 in the environment, unset by the wrapper before the code runs. */
  private static List<String> environment(SandboxSettings.Profile profile, SandboxRequest request, String boundary) {
    Base64.Encoder base64 = Base64.getEncoder();
    List<String> env = new ArrayList<>();
    env.add("SB_CODE=" + base64.encodeToString(request.code().getBytes(StandardCharsets.UTF_8)));
    env.add("SB_CODE_FILE=" + profile.file());
    int n = 0;
    for (Map.Entry<String, byte[]> file : request.files().entrySet()) {
      env.add("SB_FILE_" + n++ + "=" + file.getKey() + ":" + base64.encodeToString(file.getValue()));
    }
    env.add("SB_FILES=" + n);
    env.add("SB_BOUNDARY=" + boundary);
    return env;
  }

  /**
   * Writes the inputs into /work, clears them from the environment, runs the profile's command under timeout, kills
   * whatever the code left running, then lists the files it wrote (not the code's file nor the inputs; plain names
   * only, no links) after the boundary, and exits with the code's status. The wrapper is the container's PID 1, which
   * {@code kill -9 -1} spares. Its own variables ({@code keep}, {@code b}) are not exported to the code.
   */
  static String wrapper(SandboxSettings.Profile profile, SandboxLimits limits) {
    StringBuilder command = new StringBuilder();
    for (String part : profile.command()) {
      command.append(' ').append(quote(part.replace("{file}", profile.file())));
    }
    long seconds = Math.max(1, (limits.timeout().toMillis() + 999) / 1000);
    return "cd /work && printf %s \"$SB_CODE\" | base64 -d > \"$SB_CODE_FILE\" && keep=\" $SB_CODE_FILE \" && b=\"$SB_BOUNDARY\""
        + " && i=0 && while [ \"$i\" -lt \"$SB_FILES\" ]; do eval \"f=\\$SB_FILE_$i\"; printf %s \"${f#*:}\" | base64 -d > \"${f%%:*}\";"
        + " keep=\"$keep${f%%:*} \"; unset \"SB_FILE_$i\"; i=$((i+1)); done"
        + " && unset SB_CODE SB_CODE_FILE SB_FILES SB_BOUNDARY f i"
        // the shell's own notices ("Killed") are not the code's: they go nowhere, the code's stderr to the container's
        // (from a subshell, since dash prints a job's notice under the job's own redirections)
        + " && exec 3>&2 2>/dev/null && (exec timeout -s KILL " + seconds + command + " 2>&3 3>&-); code=$?"
        + "; kill -9 -1 2>/dev/null; kill -9 -1 2>/dev/null"
        + "; printf '\\n%s\\n' \"$b\"; n=0"
        + "; for f in *; do { [ -f \"$f\" ] && [ ! -L \"$f\" ]; } || continue"
        + "; case \"$keep\" in *\" $f \"*) continue;; esac; case \"$f\" in .*|*[!A-Za-z0-9._-]*) continue;; esac"
        + "; n=$((n+1)); [ \"$n\" -le " + limits.outputFiles() + " ] || continue; s=$(wc -c < \"$f\")"
        + "; if [ \"$s\" -gt " + limits.outputFileSize().toBytes() + " ]; then printf 'S %s %s\\n' \"$s\" \"$f\"; continue; fi"
        + "; printf 'F %s %s\\n' \"$s\" \"$f\"; base64 -w 0 \"$f\"; printf '\\n'; done"
        + "; [ \"$n\" -le " + limits.outputFiles() + " ] || printf 'N %s\\n' \"$n\"; exit $code";
  }

  private static String quote(String argument) {
    return "'" + argument.replace("'", "'\\''") + "'";
  }

  private static boolean waitFor(DockerClient client, String id, Duration limit) throws InterruptedException {
    try (WaitContainerResultCallback callback = client.waitContainerCmd(id).exec(new WaitContainerResultCallback())) {
      return callback.awaitCompletion(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (IOException e) {
      return true; // closing the callback failed after it completed
    }
  }

  private static void kill(DockerClient client, String id) {
    try {
      client.killContainerCmd(id).exec();
    } catch (RuntimeException e) {
      log.debug("Sandbox container {} already stopped: {}", id, e.getMessage());
    }
  }

  private static void readLogs(DockerClient client, String id, RunOutput stdout, CappedOutput stderr) throws InterruptedException {
    ResultCallback.Adapter<Frame> frames = new ResultCallback.Adapter<>() {
      @Override
      public void onNext(Frame frame) {
        if (frame.getStreamType() == StreamType.STDERR) {
          stderr.write(frame.getPayload());
        } else {
          stdout.write(frame.getPayload());
        }
      }
    };
    client.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(false).exec(frames).awaitCompletion(30, TimeUnit.SECONDS);
    stdout.end();
  }

  private static void remove(DockerClient client, String id) {
    try {
      client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
    } catch (RuntimeException e) {
      log.warn("Sandbox container {} could not be removed: {}", id, e.getMessage());
    }
  }

  DockerClient client() {
    DockerClient current = docker;
    if (current == null) {
      synchronized (this) {
        if (docker == null) {
          // unversioned API paths: the daemon answers in its own version. docker-java 3.7 would otherwise ask for 1.44,
          // which Docker 20.10 (API 1.41, Debian 12) refuses, and there is no negotiation (docker-java #2547)
          DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
              .withDockerHost(settings.dockerHost())
              .withApiVersion(RemoteApiVersion.UNKNOWN_VERSION)
              .build();
          ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
              .dockerHost(config.getDockerHost())
              .sslConfig(config.getSSLConfig())
              .maxConnections(settings.maxConcurrent() * 4 + 4)
              .connectionTimeout(Duration.ofSeconds(5))
              .responseTimeout(Duration.ofMinutes(5))
              .build();
          docker = DockerClientImpl.getInstance(config, http);
        }
        current = docker;
      }
    }
    return current;
  }

  @Override
  public void destroy() throws Exception {
    if (docker != null) {
      docker.close();
    }
  }
}
