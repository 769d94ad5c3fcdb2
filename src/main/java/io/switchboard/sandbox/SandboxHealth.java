package io.switchboard.sandbox;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code sandbox} in the health endpoint: UP with the daemon's answer, or UNAVAILABLE (ordered below UP, so the
 * service as a whole stays UP: everything but running code works without Docker).
 */
@Component("sandbox")
class SandboxHealth implements HealthIndicator {

  static final Status UNAVAILABLE = new Status("UNAVAILABLE", "no Docker daemon answers: code cannot run, everything else works");

  private final DockerSandbox sandbox;

  SandboxHealth(DockerSandbox sandbox) {
    this.sandbox = sandbox;
  }

  @Override
  public Health health() {
    Health.Builder health = sandbox.available() ? Health.up() : Health.status(UNAVAILABLE);
    return health.withDetail("dockerHost", sandbox.settings().dockerHost())
        .withDetail("profiles", sandbox.settings().profiles().keySet())
        .withDetail("maxConcurrent", sandbox.settings().maxConcurrent())
        .build();
  }
}
