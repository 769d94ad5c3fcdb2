package io.switchboard.subscription;

import java.util.regex.Pattern;

/**
 * How a feed item reads in a chat: the title in bold, the link, and the summary as plain text (HTML removed), trimmed.
 * It is Markdown; each platform's sink renders it its own way (Telegram HTML, Slack mrkdwn, WeCom markdown, …).
 */
public final class ItemFormat {

  static final int MAX_SUMMARY = 400;
  private static final Pattern TAGS = Pattern.compile("<[^>]*>");
  private static final Pattern SPACE = Pattern.compile("[ \\t\\x0B\\f\\r]+");
  private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n+");

  private ItemFormat() {}

  public static String format(FeedItem.Data item, String summary) {
    StringBuilder text = new StringBuilder();
    if (item.title() != null && !item.title().isBlank()) {
      text.append("**").append(plain(item.title())).append("**");
    }
    if (item.link() != null && !item.link().isBlank()) {
      text.append(text.isEmpty() ? "" : "\n").append(item.link().strip());
    }
    String body = summary != null ? summary : item.text() != null ? item.text() : item.summary();
    if (body != null && !body.isBlank()) {
      text.append(text.isEmpty() ? "" : "\n").append(trim(plain(body), summary != null || item.text() != null ? 4000 : MAX_SUMMARY));
    }
    return text.toString();
  }

  /** Text without tags and entities, whitespace tidied. */
  static String plain(String html) {
    String text = TAGS.matcher(html.replaceAll("(?i)<br\\s*/?>|</p>", "\n")).replaceAll("");
    text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    return BLANK_LINES.matcher(SPACE.matcher(text).replaceAll(" ")).replaceAll("\n\n").strip();
  }

  static String trim(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int cut = text.lastIndexOf(' ', max - 1);
    return text.substring(0, cut > max / 2 ? cut : max - 1).strip() + "…";
  }
}
