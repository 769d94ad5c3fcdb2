package io.switchboard.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard config [-k KEY]}: the merged configuration (defaults, switchboard.yaml, environment). */
@Command(name = "config", description = "Print the merged configuration (switchboard.yaml + environment; environment wins), secrets masked.")
class ConfigCommand implements Callable<Integer> {

  @Option(names = {"-k", "--key"}, description = "Print only this key, e.g. switchboard.llm.model.")
  String key;

  @Override
  public Integer call() {
    ConfigView view = ConfigView.load();
    if (key != null) {
      var value = view.get(key);
      if (value.isEmpty()) {
        System.err.println("No such key: " + key);
        return 1;
      }
      System.out.println(ConfigView.mask(key, value.get()));
      return 0;
    }
    for (Map.Entry<String, String> entry : view.masked().entrySet()) {
      System.out.println(entry.getKey() + " = " + entry.getValue() + "    (env " + ConfigView.envName(entry.getKey()) + ")");
    }
    return 0;
  }
}
