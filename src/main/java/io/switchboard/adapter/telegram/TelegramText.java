package io.switchboard.adapter.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reply text for Telegram: split to its 4096-character limit, and the model's Markdown rendered as safe HTML. */
public final class TelegramText {

  /** Telegram's limit for one message's text. */
  public static final int LIMIT = 4096;
  /** Split the raw text below the limit: HTML escaping (&amp;lt; …) lengthens it a little. */
  static final int SPLIT_AT = 3800;

  private static final Pattern CODE_BLOCK = Pattern.compile("```(?:[a-zA-Z0-9_+-]*\\n)?(.*?)```", Pattern.DOTALL);
  private static final Pattern INLINE_CODE = Pattern.compile("`([^`\\n]+)`");
  private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
  private static final Pattern ITALIC = Pattern.compile("(?<![\\w*])[*_](?![\\s*_])(.+?)(?<![\\s*_])[*_](?![\\w*])");
  private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\((https?://[^)\\s]+)\\)");

  private TelegramText() {}

  /** Chunks of at most {@code max} characters, cut at a paragraph, line, sentence or word boundary when there is one. */
  public static List<String> split(String text, int max) {
    List<String> chunks = new ArrayList<>();
    String rest = text.strip();
    while (rest.length() > max) {
      int cut = boundary(rest, max);
      chunks.add(rest.substring(0, cut).strip());
      rest = rest.substring(cut).strip();
    }
    if (!rest.isEmpty() || chunks.isEmpty()) {
      chunks.add(rest);
    }
    return chunks;
  }

  private static int boundary(String text, int max) {
    String window = text.substring(0, max);
    for (String separator : new String[] {"\n\n", "\n"}) {
      int at = window.lastIndexOf(separator);
      if (at > max / 2) {
        return at + separator.length();
      }
    }
    int sentence = -1;
    for (String end : new String[] {". ", "! ", "? ", "。", "！", "？"}) {
      sentence = Math.max(sentence, window.lastIndexOf(end) + end.length());
    }
    if (sentence > max / 2) {
      return sentence;
    }
    int space = window.lastIndexOf(' ');
    return space > max / 2 ? space + 1 : max;
  }

  /** Markdown (code, bold, italic, links) as Telegram HTML; everything else escaped, so no text can break parsing. */
  public static String html(String markdown) {
    List<String> blocks = new ArrayList<>();
    Matcher code = CODE_BLOCK.matcher(markdown);
    StringBuilder withoutBlocks = new StringBuilder();
    while (code.find()) {
      blocks.add("<pre>" + escape(code.group(1).stripTrailing()) + "</pre>");
      code.appendReplacement(withoutBlocks, Matcher.quoteReplacement("\u0000" + (blocks.size() - 1) + "\u0000"));
    }
    code.appendTail(withoutBlocks);
    String html = escape(withoutBlocks.toString());
    html = INLINE_CODE.matcher(html).replaceAll("<code>$1</code>");
    html = LINK.matcher(html).replaceAll(m -> Matcher.quoteReplacement("<a href=\"" + m.group(2).replace("\"", "&quot;") + "\">" + m.group(1) + "</a>"));
    html = BOLD.matcher(html).replaceAll("<b>$1</b>");
    html = ITALIC.matcher(html).replaceAll("<i>$1</i>");
    for (int i = 0; i < blocks.size(); i++) {
      html = html.replace("\u0000" + i + "\u0000", blocks.get(i));
    }
    return html;
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
