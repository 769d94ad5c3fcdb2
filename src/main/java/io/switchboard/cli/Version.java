package io.switchboard.cli;

import picocli.CommandLine.IVersionProvider;

class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Version.class.getPackage().getImplementationVersion();
    return new String[] {"switchboard " + (version == null ? "(development build)" : version)};
  }
}
