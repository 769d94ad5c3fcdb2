package io.switchboard.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Removes the containers of runs whose instance died mid-run (the {@code sandbox-leftovers} route): a running
 * instance removes its own within seconds of their end, so a container of ours that is older than the longest time
 * limit and its margins belongs to nobody. Instances sharing a daemon never take each other's live runs this way.
 */
@Component("sandboxLeftovers")
public class SandboxLeftovers {

  private static final Logger log = LoggerFactory.getLogger(SandboxLeftovers.class);
  /** Past the outer kill (time limit + 5 s): creating, reading the logs and removing take seconds, not a minute. */
  static final Duration MARGIN = Duration.ofSeconds(60);

  private final DockerSandbox sandbox;

  public SandboxLeftovers(DockerSandbox sandbox) {
    this.sandbox = sandbox;
  }

  /** Removes the leftovers; returns how many. Without a daemon, there is nothing to do. */
  public int remove() {
    return remove(Instant.now());
  }

  int remove(Instant now) {
    if (sandbox.unavailable().isPresent()) {
      return 0;
    }
    Instant before = now.minus(sandbox.settings().longestTimeout()).minus(MARGIN);
    DockerClient docker = sandbox.client();
    List<Container> ours = docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(DockerSandbox.LABEL)).exec();
    int removed = 0;
    for (Container container : ours) {
      if (container.getCreated() != null && Instant.ofEpochSecond(container.getCreated()).isBefore(before)) {
        try {
          docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
          removed++;
        } catch (RuntimeException e) {
          log.debug("Sandbox leftover {} not removed: {}", container.getId(), e.getMessage());
        }
      }
    }
    if (removed > 0) {
      log.info("Removed {} sandbox containers left by runs whose instance stopped", removed);
    }
    return removed;
  }
}
