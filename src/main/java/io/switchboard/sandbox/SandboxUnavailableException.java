package io.switchboard.sandbox;

/** The sandbox cannot run anything now: no Docker daemon, or it refused; the reason is safe to show. */
public class SandboxUnavailableException extends Exception {

  public SandboxUnavailableException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
