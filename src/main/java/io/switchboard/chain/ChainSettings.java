package io.switchboard.chain;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code switchboard.chain.*}: how deep a chain of events may grow before it is stopped with a message. */
@ConfigurationProperties("switchboard.chain")
public record ChainSettings(int maxDepth) {

  public ChainSettings {
    maxDepth = maxDepth <= 0 ? 5 : maxDepth;
  }
}
