package io.switchboard.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses state-changing requests a browser sends from another site (403): an {@code Origin} that is neither this
 * server's own nor listed in {@code switchboard.operator.allowed-origins}, or {@code Sec-Fetch-Site: cross-site}.
 * Browsers attach cached Basic credentials and session cookies to cross-site requests, so without this a page the
 * operator visits could drive Jolokia or the web chat. Clients that are not browsers send no {@code Origin} and pass.
 */
class SameOriginFilter extends OncePerRequestFilter {

  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

  private final Set<String> allowedOrigins;

  SameOriginFilter(Set<String> allowedOrigins) {
    this.allowedOrigins = allowedOrigins;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
    if (SAFE.contains(request.getMethod()) || sameOrigin(request)) {
      chain.doFilter(request, response);
      return;
    }
    JsonErrors.write(response, 403, "cross-origin request refused");
  }

  boolean sameOrigin(HttpServletRequest request) {
    String fetchSite = request.getHeader("Sec-Fetch-Site");
    if ("cross-site".equalsIgnoreCase(fetchSite)) {
      return false;
    }
    String origin = request.getHeader("Origin");
    if (origin == null) {
      return true;
    }
    String normalised = origin.strip().toLowerCase(Locale.ROOT);
    String host = request.getHeader("Host");
    String own = request.getScheme().toLowerCase(Locale.ROOT) + "://" + (host == null ? "" : host.strip().toLowerCase(Locale.ROOT));
    return normalised.equals(own) || allowedOrigins.contains(normalised);
  }
}
