package io.switchboard.keys;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the API key in a {@code key set <apiKey> …} line before the line is stored in the history or shown anywhere,
 * so a key lives only encrypted in {@code user_keys}.
 */
public final class KeyRedaction {

  private static final Pattern KEY_SET = Pattern.compile("^(\\s*[^\\p{Alnum}\\s]?\\s*key\\s+set\\s+)([\"']?)(\\S+?)\\2(\\s|$)", Pattern.CASE_INSENSITIVE);

  private KeyRedaction() {}

  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    Matcher matcher = KEY_SET.matcher(text);
    return matcher.find() ? matcher.group(1) + KeyCipher.hint(matcher.group(3)) + text.substring(matcher.end(3) + matcher.group(2).length()) : text;
  }
}
