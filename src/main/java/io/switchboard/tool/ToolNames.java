package io.switchboard.tool;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A tool's name as the model sees it. Switchboard names MCP tools {@code <server>.<tool>}, but OpenAI-compatible APIs
 * accept only {@code ^[a-zA-Z0-9_-]{1,64}$} as a function name, so the dot travels as {@code __} (and any other
 * character as {@code _}); a name still too long is cut and given a short hash, so that it stays unique.
 */
public final class ToolNames {

  static final int MAX_LENGTH = 64;
  private static final Pattern NOT_ALLOWED = Pattern.compile("[^a-zA-Z0-9_-]");

  private ToolNames() {}

  public static String forModel(String name) {
    String wire = NOT_ALLOWED.matcher(name.replace(".", "__")).replaceAll("_");
    if (wire.length() <= MAX_LENGTH) {
      return wire;
    }
    String hash = HexFormat.of().formatHex(sha256(name), 0, 4);
    return wire.substring(0, MAX_LENGTH - hash.length() - 1) + "_" + hash;
  }

  private static byte[] sha256(String name) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
