package io.switchboard.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <key>}: a user's API key ({@code sbk_…}) or a producer token ({@code sbp_…}) becomes the
 * request's {@link Caller}. A bearer value that is not valid is refused here (401), not passed on anonymous.
 */
class BearerKeyFilter extends OncePerRequestFilter {

  private final List<BearerAuthenticator> authenticators;
  private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

  BearerKeyFilter(List<BearerAuthenticator> authenticators) {
    this.authenticators = authenticators;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      chain.doFilter(request, response);
      return;
    }
    String value = header.substring(7).strip();
    Optional<Caller> caller = authenticators.stream()
        .filter(a -> a.recognises(value))
        .findFirst()
        .flatMap(a -> a.authenticate(value));
    if (caller.isEmpty()) {
      response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      JsonErrors.write(response, 401, "the bearer key is not valid (unknown or revoked)");
      return;
    }
    SecurityContext context = contexts.createEmptyContext();
    context.setAuthentication(new CallerAuthentication(caller.get()));
    contexts.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      contexts.clearContext();
    }
  }
}
