package io.switchboard.bot;

import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The platforms whose conversations belong to people: Switchboard's own channels (API, web chat, terminal) and every
 * adapter's platform. A producer may post into such a conversation only when its token names that platform
 * explicitly; any other platform in a subject (e.g. {@code ci:build:42}) is a producer's own conversation.
 */
@Component
public class UserPlatforms {

  static final Set<String> CHANNELS = Set.of("api", "web", "cli");

  private final AdapterManifests manifests;

  public UserPlatforms(AdapterManifests manifests) {
    this.manifests = manifests;
  }

  public boolean contains(String platform) {
    return CHANNELS.contains(platform) || manifests.find(platform).isPresent();
  }
}
