package io.switchboard.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code switchboard.api.auth=open} (development, loopback only): a request that brought no credentials acts as the
 * user {@value SecuritySettings#OPEN_MODE_USER}. Keys still work; operator endpoints still need the operator.
 */
class OpenModeFilter extends OncePerRequestFilter {

  private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
    if (contexts.getContext().getAuthentication() != null) {
      chain.doFilter(request, response);
      return;
    }
    SecurityContext context = contexts.createEmptyContext();
    context.setAuthentication(new CallerAuthentication(Caller.user(SecuritySettings.OPEN_MODE_USER, false)));
    contexts.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      contexts.clearContext();
    }
  }
}
