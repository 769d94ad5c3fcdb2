package io.switchboard.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.SwitchboardApplication;
import io.switchboard.security.WebLogins;
import io.switchboard.testing.HeadlessChromium;
import io.switchboard.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The command stages on the defaults: the embedded broker and H2. */
@SpringBootTest(
    classes = SwitchboardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"switchboard.routes-dir=" + EmbeddedCommandsTest.ROUTES, "camel.main.routes-reload-enabled=true"})
@DirtiesContext
class EmbeddedCommandsTest extends CommandsEndToEndTests {

  static final String ROUTES = "target/test-routes/commands-embedded";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    TestData.freshDataDirectory(registry, "commands-embedded");
    TestData.freshDirectory(ROUTES);
    commonProperties(registry);
  }

  @Override
  Path routesDir() {
    return Path.of(ROUTES);
  }

  @Test
  void theWebChatsAgentPickerSwitchesTheChatAndANewChatKeepsThePick() throws Exception {
    String user = "browser-" + UUID.randomUUID().toString().substring(0, 8);
    JdbcClient jdbc = applicationContext.getBean(JdbcClient.class);
    ChromeDriver browser = HeadlessChromium.start();
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      browser.get("http://127.0.0.1:" + port + "/?token=" + applicationContext.getBean(WebLogins.class).issue(user, Duration.ofMinutes(5)));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("agent")));
      Select picker = new Select(browser.findElement(By.id("agent")));
      assertThat(picker.getFirstSelectedOption().getText()).isEqualTo("default");
      assertThat(picker.getOptions()).extracting(option -> option.getText()).contains("researcher", "terse").doesNotContain("staff");

      picker.selectByValue("researcher");
      browser.findElement(By.id("text")).sendKeys("picked in the browser " + user);
      browser.findElement(By.id("send")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".msg.assistant:not(.pending)"), "echo: picked in the browser"));
      assertThat(MODEL.requestsFor("picked in the browser " + user).get(0).model()).isEqualTo("research-model");
      Files.write(Path.of("target/web-chat-agents.png"), browser.getScreenshotAs(OutputType.BYTES));

      // a reload shows the chat's agent; a new chat starts with the one picked last
      browser.navigate().refresh();
      wait.until(ExpectedConditions.textToBe(By.id("status"), "online"));
      wait.until(driver -> new Select(driver.findElement(By.id("agent"))).getFirstSelectedOption().getText().equals("researcher"));
      browser.findElement(By.id("new-chat")).click();
      wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".msg"), 0));
      wait.until(driver -> jdbc.sql("SELECT COUNT(*) FROM sessions WHERE user_id = ? AND platform = 'web' AND agent = 'researcher'")
          .param(user).query(Integer.class).single() == 2);
      assertThat(new Select(browser.findElement(By.id("agent"))).getFirstSelectedOption().getText()).isEqualTo("researcher");
    } finally {
      browser.quit();
    }
  }
}
