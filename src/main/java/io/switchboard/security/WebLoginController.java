package io.switchboard.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/**
 * How a browser gets into the web chat: the one-time login link ({@code /?token=sbl_…}) printed at start-up or by
 * {@code switchboard login}, or an API user's key posted to {@code /login}. Either sets a session cookie (HttpOnly,
 * SameSite=Strict), which the chat's WebSocket then checks.
 */
@RestController
@ConditionalOnWebApplication
class WebLoginController {

  record KeyLogin(String key) {}

  private final WebLogins logins;
  private final List<BearerAuthenticator> authenticators;
  private final SecuritySettings settings;
  private final SecurityContextRepository repository = new HttpSessionSecurityContextRepository();
  private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

  WebLoginController(WebLogins logins, List<BearerAuthenticator> authenticators, SecuritySettings settings) {
    this.logins = logins;
    this.authenticators = authenticators;
    this.settings = settings;
  }

  /**
   * The chat page; with a login link's token, the link is used up first and the browser sent to the page without
   * the token in its address (so it is neither bookmarked nor shared).
   */
  @GetMapping("/")
  ModelAndView page(@RequestParam(required = false) String token, HttpServletRequest request, HttpServletResponse response) {
    if (token == null) {
      return new ModelAndView("forward:/index.html");
    }
    Optional<String> user = logins.redeem(token);
    user.ifPresent(name -> start(Caller.user(name, false), request, response));
    RedirectView redirect = new RedirectView(user.isPresent() ? "/" : "/#login-link-used-or-expired");
    redirect.setStatusCode(HttpStatus.SEE_OTHER);
    return new ModelAndView(redirect);
  }

  @PostMapping("/login")
  ResponseEntity<Map<String, Object>> loginWithKey(@RequestBody(required = false) KeyLogin login, HttpServletRequest request,
      HttpServletResponse response) {
    String key = login == null || login.key() == null ? "" : login.key().strip();
    Optional<Caller> caller = authenticators.stream().filter(a -> a.recognises(key)).findFirst()
        .flatMap(a -> a.authenticate(key)).filter(c -> c.kind() == Caller.Kind.USER);
    if (caller.isEmpty()) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("status", 401, "error", "that is not a valid API key"));
    }
    start(caller.get(), request, response);
    return ResponseEntity.ok(Map.of("user", caller.get().name()));
  }

  /** Who this browser is logged in as, for the page. */
  @GetMapping("/login")
  ResponseEntity<Map<String, Object>> whoAmI(Authentication authentication) {
    if (authentication == null || !(authentication.getPrincipal() instanceof Caller caller) || caller.kind() != Caller.Kind.USER) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("status", 401, "error", "not logged in",
          "openMode", settings.openMode()));
    }
    return ResponseEntity.ok(Map.of("user", caller.name()));
  }

  @PostMapping("/logout")
  ResponseEntity<Void> logout(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    return ResponseEntity.noContent().build();
  }

  private void start(Caller caller, HttpServletRequest request, HttpServletResponse response) {
    HttpSession old = request.getSession(false);
    if (old != null) {
      old.invalidate(); // a fresh session id on every login: no fixation
    }
    request.getSession(true);
    SecurityContext context = contexts.createEmptyContext();
    context.setAuthentication(new CallerAuthentication(caller));
    contexts.setContext(context);
    repository.saveContext(context, request, response);
  }
}
