package io.switchboard.sandbox;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code switchboard.sandbox.*}: where the Docker daemon is, how many runs at once, the default limits, and the
 * profiles. A profile names an image (built by {@code switchboard sandbox build}), the language it runs, the file the
 * code is written to in {@code /work}, the command that runs it, and limits of its own.
 *
 * @param dockerHost the daemon's address ({@code unix:///var/run/docker.sock})
 * @param maxConcurrent runs at once per instance
 * @param limits the defaults of every profile
 * @param profiles by name
 */
@ConfigurationProperties("switchboard.sandbox")
public record SandboxSettings(String dockerHost, int maxConcurrent, SandboxLimits limits, Map<String, Profile> profiles) {

  public SandboxSettings {
    dockerHost = dockerHost == null || dockerHost.isBlank() ? "unix:///var/run/docker.sock" : dockerHost;
    maxConcurrent = maxConcurrent <= 0 ? 4 : maxConcurrent;
    limits = limits == null ? SandboxLimits.DEFAULTS : limits.over(SandboxLimits.DEFAULTS);
    profiles = profiles == null ? Map.of() : Map.copyOf(profiles);
  }

  /** One profile; {@code command} is the program and its arguments, {@code {file}} standing for the code's file. */
  public record Profile(String image, String language, String file, List<String> command, SandboxLimits limits) {

    public Profile {
      command = command == null ? List.of() : List.copyOf(command);
    }
  }

  /** Language → profile name; a language two profiles share goes to the first by name. */
  public Map<String, String> profilesByLanguage() {
    Map<String, String> byLanguage = new LinkedHashMap<>();
    new TreeSet<>(profiles.keySet()).forEach(name -> {
      String language = profiles.get(name).language();
      byLanguage.putIfAbsent(language == null || language.isBlank() ? name : language, name);
    });
    return byLanguage;
  }

  /** The longest time limit of any profile: how long a run of this sandbox may take at most. */
  Duration longestTimeout() {
    return profiles.values().stream().map(profile -> limitsOf(profile).timeout()).max(Duration::compareTo).orElse(limits.timeout());
  }

  /** The profile's limits over the sandbox's defaults. */
  SandboxLimits limitsOf(Profile profile) {
    return profile.limits() == null ? limits : profile.limits().over(limits);
  }
}
