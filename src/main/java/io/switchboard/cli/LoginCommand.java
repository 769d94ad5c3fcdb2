package io.switchboard.cli;

import io.switchboard.security.LoginLinkAnnouncer;
import io.switchboard.security.WebLogins;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard login}: a new one-time login link for the web chat, like the one printed at start-up. */
@Command(name = "login", description = "Print a one-time login link for the web chat (valid for 12 hours, used up when opened).")
class LoginCommand extends StoreCommand {

  @Option(names = "--user", description = "Who the link logs in (default: switchboard.web.login-user, i.e. local).")
  String user;

  @Override
  public Integer call() {
    ConfigView config = ConfigView.load();
    String name = user != null ? user : config.get("switchboard.web.login-user").orElse("local");
    Path dataDir = Path.of(config.get("switchboard.data-dir").orElse("./data"));
    int port = RunningServe.find(dataDir).map(RunningServe::port).orElse(8080);
    String token = OfflineStore.with(settings(),
        context -> context.getBean(WebLogins.class).issue(name, Duration.ofHours(12)));
    System.out.println(LoginLinkAnnouncer.link(config.get("server.address").orElse(""), port, token));
    return 0;
  }
}
