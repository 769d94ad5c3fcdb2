package io.switchboard.adapter.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.SwitchboardApplication;
import io.switchboard.testing.FakeOpenAi;
import io.switchboard.testing.FakeTelegram;
import io.switchboard.testing.FakeToolApi;
import io.switchboard.testing.LoopbackServer;
import io.switchboard.testing.TestData;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An agent's chain as a Telegram user lives it: a call that needs confirmation is asked with inline keyboard buttons,
 * a press comes back as the command from the user who pressed (answered with answerCallbackQuery), a slow tool
 * shows which tool is working, and {@code /run} takes the attached file and sends back the files the code wrote.
 */
@SpringBootTest(
    classes = SwitchboardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "switchboard.routes-dir=target/test-routes/telegram-tools",
      "camel.main.routes-reload-enabled=false",
      "switchboard.replies.progress-after=300ms"
    })
@DirtiesContext
class TelegramToolsTest {

  static final String TOKEN = "444:tools-token";
  static final long GROUP = -7001;
  static final long CHAT = 7001;
  static final long ANN = 42; // FakeTelegram's writer
  static final long MALLORY = 66;
  static final FakeOpenAi MODEL = LoopbackServer.start(FakeOpenAi::new);
  static final FakeTelegram TELEGRAM = LoopbackServer.start(FakeTelegram::new);
  static final FakeToolApi TOOL_API = LoopbackServer.start(FakeToolApi::new);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    TestData.freshDataDirectory(registry, "telegram-tools");
    registry.add("switchboard.llm.base-url", MODEL::baseUrl);
    TelegramBotTest.bot(registry, 0, "tg-tools", "polling", TOKEN);
    registry.add("switchboard.bots[0].config.api-base-url", TELEGRAM::url);
    registry.add("switchboard.agents.default.tools", () -> "forget_city,slow_report");
    TOOL_API.declareForgetCity(registry);
    registry.add("switchboard.tools.http.slow_report.url", () -> TOOL_API.url("/slow?ms=1500"));
    registry.add("switchboard.access.admins.telegram", () -> String.valueOf(ANN)); // may /run
  }

  @Test
  void runTakesTheAttachedFileAndSendsBackTheFilesTheCodeWroteAsUploads() {
    long chat = CHAT + 2;
    String code = "/run python\nimport csv\nrows = list(csv.DictReader(open('sales.csv')))\n"
        + "open('total.txt', 'w').write(str(sum(int(r['amount']) for r in rows)))\nprint(len(rows), 'rows')";
    TELEGRAM.userSendsDocument(TOKEN, chat, "private", code, "sales-1", "sales.csv", "region,amount\nnorth,3\nsouth,4\n".getBytes());
    await().atMost(Duration.ofSeconds(30)).until(() -> TELEGRAM.uploads().stream().anyMatch(u -> u.fields().get("chat_id").equals(String.valueOf(chat))));
    assertThat(TELEGRAM.sentTo(TOKEN, "files: total.txt (1 B)")).singleElement()
        .satisfies(call -> assertThat(call.body().path("text").asText()).contains("2 rows"));
    FakeTelegram.Upload upload = TELEGRAM.uploads().stream().filter(u -> u.fields().get("chat_id").equals(String.valueOf(chat))).findFirst().orElseThrow();
    assertThat(upload.method()).isEqualTo("sendDocument");
    assertThat(upload.field()).isEqualTo("document");
    assertThat(upload.filename()).isEqualTo("total.txt");
    assertThat(new String(upload.content())).isEqualTo("7");
  }

  @Test
  void aConfirmationIsAskedWithButtonsAndOnlyThePressOfTheUserWhoAskedRunsTheCall() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    TELEGRAM.userWrites(TOKEN, GROUP, "group", "@switchboard_test_bot " + tag + " [[tools=forget_city{\"city\":\"Paris\"}]]");
    await().atMost(Duration.ofSeconds(30)).until(() -> !TELEGRAM.sentTo(TOKEN, "forget_city").isEmpty());
    JsonNode question = TELEGRAM.sentTo(TOKEN, "forget_city").get(0).body();
    JsonNode row = question.path("reply_markup").path("inline_keyboard").get(0);
    String confirm = row.get(0).path("callback_data").asText();
    String cancel = row.get(1).path("callback_data").asText();
    assertThat(confirm).startsWith("/confirm ");
    String id = confirm.substring("/confirm ".length());
    assertThat(cancel).isEqualTo("/cancel " + id);
    assertThat(row.get(0).path("text").asText()).contains("/confirm " + id);

    // somebody else in the group presses the button: Telegram says who, and it is not the user who asked
    String foreign = TELEGRAM.userPresses(TOKEN, GROUP, "group", MALLORY, confirm);
    await().atMost(Duration.ofSeconds(30)).until(() -> answered(foreign) && !TELEGRAM.sentTo(TOKEN, "There is no confirmation \"" + id).isEmpty());
    assertThat(TOOL_API.requests()).doesNotContain("DELETE /weather/Paris");

    String own = TELEGRAM.userPresses(TOKEN, GROUP, "group", ANN, confirm);
    await().atMost(Duration.ofSeconds(30)).until(() -> answered(own) && !TELEGRAM.sentTo(TOKEN, "sunny, 21 C").isEmpty());
    assertThat(TOOL_API.requests()).containsOnlyOnce("DELETE /weather/Paris");
  }

  @Test
  void aPressThatIsNotOneOfOurButtonsIsAnsweredAndIgnored() {
    int before = TELEGRAM.calls("sendMessage").size();
    String press = TELEGRAM.userPresses(TOKEN, CHAT, "private", ANN, "hello model, spend tokens");
    await().atMost(Duration.ofSeconds(30)).until(() -> answered(press));
    assertThat(TELEGRAM.calls("sendMessage").subList(before, TELEGRAM.calls("sendMessage").size()))
        .noneMatch(call -> call.body().path("text").asText().contains("spend tokens"));
  }

  @Test
  void aToolThatTakesLongerThanProgressAfterShowsWhichToolIsWorking() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    TELEGRAM.userWrites(TOKEN, CHAT + 1, "private", tag + " [[tools=slow_report{}]]");
    await().atMost(Duration.ofSeconds(30)).until(() -> !TELEGRAM.sentTo(TOKEN, "tools said: done after 1500 ms").isEmpty());
    List<String> texts = TELEGRAM.calls("sendMessage").stream().filter(call -> call.body().path("chat_id").asText().equals(String.valueOf(CHAT + 1)))
        .map(call -> call.body().path("text").asText()).toList();
    assertThat(texts).containsSubsequence("\uD83D\uDD27 slow_report is working\u2026", "tools said: done after 1500 ms");
  }

  private static boolean answered(String callbackQueryId) {
    return TELEGRAM.calls("answerCallbackQuery").stream().anyMatch(call -> call.body().path("callback_query_id").asText().equals(callbackQueryId));
  }
}
