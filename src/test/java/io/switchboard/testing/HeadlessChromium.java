package io.switchboard.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's Chromium, headless, driven by Debian's chromedriver (installed by .ci/run; nothing is downloaded). */
public final class HeadlessChromium {

  private HeadlessChromium() {}

  public static ChromeDriver start() throws IOException {
    File chromium = new File(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    File driver = new File(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
    if (!chromium.canExecute() || !driver.canExecute()) {
      throw new IllegalStateException(
          "The browser test needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run does it)");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1000,800",
        "--user-data-dir=" + Files.createTempDirectory("chromium-profile-"));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(driver).usingAnyFreePort().withTimeout(Duration.ofSeconds(30)).build();
    return new ChromeDriver(service, options);
  }
}
