package io.switchboard.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A form a platform POSTs to a webhook (Slack's interaction payloads) reaches its route as the bytes that were sent.
 * Its signature covers those bytes, but the servlet container and platform-http would parse a form into parameters
 * and leave no body to verify. So the body is read here first and the request shown to the route as
 * {@code text/plain}; the source parses the form itself once the signature holds.
 */
public class RawWebhookForms extends OncePerRequestFilter {

  static final String FORM = "application/x-www-form-urlencoded";

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String type = request.getContentType();
    return !request.getRequestURI().startsWith("/webhooks/") || type == null || !type.toLowerCase(Locale.ROOT).startsWith(FORM);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
    byte[] body = request.getInputStream().readAllBytes(); // bounded: RequestBodyLimit runs first
    chain.doFilter(new AsText(request, body), response);
  }

  /** The buffered form, declared as text so that nothing downstream parses it. */
  private static final class AsText extends BufferedBody {
    private static final String TEXT = "text/plain; charset=UTF-8";

    AsText(HttpServletRequest request, byte[] body) {
      super(request, body);
    }

    @Override
    public String getContentType() {
      return TEXT;
    }

    @Override
    public String getHeader(String name) {
      return "content-type".equalsIgnoreCase(name) ? TEXT : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return "content-type".equalsIgnoreCase(name) ? Collections.enumeration(java.util.List.of(TEXT)) : super.getHeaders(name);
    }

    @Override
    public String getCharacterEncoding() {
      return "UTF-8";
    }
  }
}
