package io.switchboard.spine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.SwitchboardApplication;
import io.switchboard.security.WebLogins;
import io.switchboard.testing.HeadlessChromium;
import io.switchboard.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The spine on the defaults: the embedded Qpid broker and H2, both under a fresh data directory. */
// Spring Boot tests switch metrics export off unless asked; the Prometheus endpoint is part of what is tested
@AutoConfigureObservability
@SpringBootTest(
    classes = SwitchboardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"switchboard.routes-dir=target/test-routes/embedded", "camel.main.routes-reload-enabled=false"})
@DirtiesContext
class EmbeddedSpineTest extends SpineEndToEndTests {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    TestData.freshDataDirectory(registry, "embedded");
    commonProperties(registry);
    // no Docker daemon here: the sandbox must be unavailable without taking the service down
    registry.add("switchboard.sandbox.docker-host", () -> "unix:///nonexistent/docker.sock");
  }

  @Test
  void withoutDockerTheSandboxIsUnavailableAndEverythingElseUp() {
    JsonNode health = api.get("/actuator/health").body();
    assertThat(health.path("components").path("sandbox").path("status").asText()).isEqualTo("UNAVAILABLE");
    assertThat(health.path("components").path("sandbox").path("details").path("profiles").toString()).contains("python", "shell");
    assertThat(health.path("status").asText()).isEqualTo("UP");
    assertThat(api.say(api.newSession("nadia"), "still here").body().path("text").asText()).isEqualTo("echo: still here");
  }

  @Autowired WebLogins logins;

  @Test
  void theWebChatAnswersInARealBrowser() throws Exception {
    ChromeDriver browser = HeadlessChromium.start();
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      // without a login, the page asks for one and the chat's socket stays closed
      browser.get("http://127.0.0.1:" + port + "/");
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
      assertThat(browser.findElement(By.id("composer")).isDisplayed()).isFalse();

      // the login link (as printed at start-up) logs the browser in, once
      String link = "http://127.0.0.1:" + port + "/?token=" + logins.issue("local", Duration.ofMinutes(5));
      browser.get(link);
      wait.until(ExpectedConditions.textToBe(By.id("status"), "online"));
      assertThat(browser.getCurrentUrl()).doesNotContain("token");
      assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("local");
      browser.findElement(By.id("text")).sendKeys("hello from the browser");
      browser.findElement(By.id("send")).click();
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.cssSelector(".msg.assistant:not(.pending)"), "echo: hello from the browser"));
      assertThat(browser.findElements(By.cssSelector(".msg.user")).get(0).getText()).isEqualTo("hello from the browser");
      Files.createDirectories(Path.of("target"));
      Files.write(Path.of("target/web-chat.png"), browser.getScreenshotAs(OutputType.BYTES));

      // the conversation is kept: a reload shows the history
      browser.navigate().refresh();
      wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".msg"), 2));
    } finally {
      browser.quit();
    }
  }
}
