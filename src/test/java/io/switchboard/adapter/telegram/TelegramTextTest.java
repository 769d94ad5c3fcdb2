package io.switchboard.adapter.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TelegramTextTest {

  @Test
  void splitsAtParagraphsThenSentencesThenWords() {
    assertThat(TelegramText.split("short", 10)).containsExactly("short");
    assertThat(TelegramText.split("first paragraph\n\nsecond one", 20)).containsExactly("first paragraph", "second one");
    assertThat(TelegramText.split("One sentence here. Another sentence.", 25)).containsExactly("One sentence here.", "Another sentence.");
    assertThat(TelegramText.split("aaaa bbbb cccc dddd", 10)).containsExactly("aaaa bbbb", "cccc dddd");
    List<String> hard = TelegramText.split("x".repeat(25), 10);
    assertThat(hard).containsExactly("x".repeat(10), "x".repeat(10), "x".repeat(5));
  }

  @Test
  void rendersMarkdownAsHtmlAndEscapesEverythingElse() {
    assertThat(TelegramText.html("**bold** and *italic* and `a<b`")).isEqualTo("<b>bold</b> and <i>italic</i> and <code>a&lt;b</code>");
    assertThat(TelegramText.html("see [docs](https://example.org/a?b=1&c=2)"))
        .isEqualTo("see <a href=\"https://example.org/a?b=1&amp;c=2\">docs</a>");
    assertThat(TelegramText.html("```java\nif (a < b && c) {}\n```")).isEqualTo("<pre>if (a &lt; b &amp;&amp; c) {}</pre>");
    assertThat(TelegramText.html("5 * 3 = 15 and 2 < 3")).isEqualTo("5 * 3 = 15 and 2 &lt; 3");
    assertThat(TelegramText.html("snake_case_name")).isEqualTo("snake_case_name");
  }
}
