package io.switchboard.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.SwitchboardApplication;
import io.switchboard.security.WebLogins;
import io.switchboard.testing.HeadlessChromium;
import io.switchboard.testing.TestData;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tool-calling chains on the defaults: the embedded broker and H2; and the web chat's side of them in a browser (steps,
 * confirmation buttons, a run's files).
 */
@SpringBootTest(classes = SwitchboardApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class EmbeddedChainTest extends ChainEndToEndTests {

  @Autowired WebLogins logins;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    TestData.freshDataDirectory(registry, "chain-embedded");
    commonProperties(registry);
  }

  @Test
  void theWebChatFoldsTheStepsUnderTheAnswerAsksForConfirmationWithButtonsAndShowsARunsFiles() throws Exception {
    ChromeDriver browser = HeadlessChromium.start();
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      browser.get("http://127.0.0.1:" + port + "/?token=" + logins.issue("local", Duration.ofMinutes(5)));
      wait.until(ExpectedConditions.textToBe(By.id("status"), "online"));

      say(browser, "[[tools=current_time{}+weather{\"city\":\"Paris\"}]]");
      WebElement answer = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".msg.assistant:not(.pending) details.steps")));
      assertThat(answer.findElement(By.tagName("summary")).getText()).isEqualTo("\uD83D\uDD27 2 tool steps");
      answer.findElement(By.tagName("summary")).click();
      assertThat(answer.findElements(By.cssSelector(".step")).get(1).getText()).contains("weather", "Paris", "sunny, 21 C");

      say(browser, "[[tools=forget_city{\"city\":\"Oslo\"}]]");
      WebElement confirm = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".decision.confirm")));
      assertThat(confirm.getText()).isEqualTo("\u2705 Confirm forget_city");
      long before = TOOL_API.requests().stream().filter("DELETE /weather/Oslo"::equals).count();
      confirm.click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".msg.assistant:last-child"), "tools said: "));
      assertThat(TOOL_API.requests().stream().filter("DELETE /weather/Oslo"::equals).count()).isEqualTo(before + 1);

      // a run's image comes with the answer: a download link, and the image itself, loaded from its signed link
      // (a 1×1 PNG in hex: the fake model reads "+" as a separator of calls)
      say(browser, "[[tools=run_code{\"language\":\"python\",\"code\":\"open('dot.png', 'wb').write(bytes.fromhex('89504e470d0a1a0a0000000d4948"
          + "4452000000010000000108060000001f15c4890000000d4944415478da6364f8cf500f00038601805a347d6b0000000049454e44ae426082'))\"}]]");
      WebElement file = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".msg.assistant:last-child .file")));
      assertThat(file.findElement(By.tagName("a")).getText()).isEqualTo("\uD83D\uDCCE dot.png");
      assertThat(file.findElement(By.tagName("a")).getAttribute("href")).contains("/files/").contains("/dot.png?type=image%2Fpng");
      WebElement image = file.findElement(By.tagName("img"));
      wait.until(driver -> ((Number) browser.executeScript("return arguments[0].naturalWidth", image)).intValue() == 1);

      // a reload shows the history with the steps folded under their answers
      browser.navigate().refresh();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".msg.assistant details.steps")));
      assertThat(browser.findElements(By.cssSelector(".msg.tool_call, .msg.tool_result"))).isEmpty();
    } finally {
      browser.quit();
    }
  }

  private static void say(ChromeDriver browser, String text) {
    browser.findElement(By.id("text")).sendKeys(text);
    browser.findElement(By.id("send")).click();
  }
}
