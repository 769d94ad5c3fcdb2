package io.switchboard.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Refusals in the API's documented shape, {@code {"status": 401, "error": "reason"}}, written before any controller
 * runs (authentication, origin, size), and never more than a debug line in the log.
 */
public final class JsonErrors {

  private JsonErrors() {}

  public static void write(HttpServletResponse response, int status, String error) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write("{\"status\":" + status + ",\"error\":\"" + escape(error) + "\"}");
  }

  /** 401 with a challenge naming the credentials wanted. */
  static AuthenticationEntryPoint unauthorized(String challenge, String error) {
    return (request, response, e) -> {
      response.setHeader("WWW-Authenticate", challenge);
      write(response, 401, error);
    };
  }

  static AccessDeniedHandler forbidden() {
    return (request, response, e) -> write(response, 403, "these credentials may not do this");
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
