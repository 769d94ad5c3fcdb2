package io.switchboard.security;

import static io.switchboard.security.CallerAuthentication.ADMIN;
import static io.switchboard.security.CallerAuthentication.OPERATOR;
import static io.switchboard.security.CallerAuthentication.PRODUCER;
import static io.switchboard.security.CallerAuthentication.USER;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.unit.DataSize;

/**
 * Who may reach what over HTTP. Three filter chains, by where a request arrives:
 * <ol>
 *   <li>the management port (Hawtio, Jolokia, actuator): the operator's credentials (HTTP Basic); Prometheus and
 *       health stay open to scrapers on the same host;
 *   <li>the web chat ({@code /}, {@code /login}, {@code /ws/chat}): a session cookie, set by a one-time login link or
 *       by logging in with an API key;
 *   <li>everything else on the main port: bearer keys (users, producers) or the operator's credentials, stateless;
 *       webhooks, {@code /livez} and {@code /readyz} are public (webhooks check their platform's signature).
 * </ol>
 * Cross-site browser requests that change state are refused on all of them ({@link SameOriginFilter}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableWebSecurity
class SecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
  private static final String[] OPERATOR_PATHS = {
    "/api/v1/dead-letters/**", "/api/v1/users/**", "/api/v1/tokens/**", "/api/v1/subscriptions/**", "/api/v1/bots/**", "/actuator/**"
  };

  /** The only username/password login: the operator's (a bean, so Spring Boot makes no default user of its own). */
  @Bean
  AuthenticationProvider operatorAuthentication(OperatorCredentials credentials) {
    return new OperatorAuthentication(credentials);
  }

  /** Before everything else, Spring Security included: a body too large is refused before anybody reads it. */
  @Bean
  FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(@Value("${switchboard.http.max-webhook-body}") DataSize webhooks,
      @Value("${switchboard.http.max-api-body}") DataSize api) {
    FilterRegistrationBean<RequestBodyLimit> registration = new FilterRegistrationBean<>(new RequestBodyLimit(webhooks.toBytes(), api.toBytes()));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    registration.addUrlPatterns("/*");
    return registration;
  }

  /** Right after the size limit: a webhook's form body stays the bytes its signature covers. */
  @Bean
  FilterRegistrationBean<RawWebhookForms> rawWebhookForms() {
    FilterRegistrationBean<RawWebhookForms> registration = new FilterRegistrationBean<>(new RawWebhookForms());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    registration.addUrlPatterns("/webhooks/*");
    return registration;
  }

  @Bean
  @Order(1)
  SecurityFilterChain management(HttpSecurity http, ServerPorts ports, SecuritySettings settings) throws Exception {
    RequestMatcher managementPort = request -> ports.onManagementPort(request.getLocalPort());
    RequestMatcher localScrape = request -> fromLoopback(request) && isScrape(request.getRequestURI());
    http.securityMatcher(managementPort)
        .authorizeHttpRequests(a -> a.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
            .requestMatchers(localScrape).permitAll().anyRequest().hasAuthority(OPERATOR))
        .httpBasic(basic -> basic.realmName("Switchboard operator")
            .authenticationEntryPoint(JsonErrors.unauthorized("Basic realm=\"Switchboard operator\"", "the operator's credentials are required")))
        .exceptionHandling(e -> e.accessDeniedHandler(JsonErrors.forbidden()))
        .addFilterBefore(new SameOriginFilter(settings.allowedOrigins()), BasicAuthenticationFilter.class);
    return stateless(http).build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain webChat(HttpSecurity http, SecuritySettings settings) throws Exception {
    http.securityMatcher("/", "/index.html", "/login", "/logout", "/ws/**")
        .authorizeHttpRequests(a -> a.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
            .requestMatchers("/", "/index.html", "/login", "/logout").permitAll().anyRequest().hasAuthority(USER))
        .exceptionHandling(e -> e.authenticationEntryPoint(JsonErrors.unauthorized("Session", "log in first: open the login link, or log in with your API key"))
            .accessDeniedHandler(JsonErrors.forbidden()))
        // the session is the credential here; the same-origin check stands in for CSRF tokens
        .csrf(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .addFilterBefore(new SameOriginFilter(settings.allowedOrigins()), BasicAuthenticationFilter.class);
    if (settings.openMode()) {
      http.addFilterAfter(new OpenModeFilter(), BasicAuthenticationFilter.class);
    }
    return http.build();
  }

  @Bean
  @Order(3)
  SecurityFilterChain api(HttpSecurity http, List<BearerAuthenticator> authenticators, SecuritySettings settings) throws Exception {
    settings.requireLoopbackForOpenMode();
    if (settings.openMode()) {
      log.warn("""

          ************************************************************************************************
          *  switchboard.api.auth=open: API AUTHENTICATION IS OFF. Every request without a key acts as   *
          *  the user '{}'. This is for development on this machine only (server.address={}).       *
          ************************************************************************************************""",
          SecuritySettings.OPEN_MODE_USER, settings.serverAddress());
    }
    http.authorizeHttpRequests(a -> a
            // an async dispatch resumes a request already authorized; an error dispatch renders its refusal
            .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
            .requestMatchers("/livez", "/readyz", "/error", "/webhooks/**", "/chat.js", "/chat.css", "/favicon.ico").permitAll()
            // a stored file opens with its link's signature instead (FileLinks): platforms fetch them without a key
            .requestMatchers(HttpMethod.GET, "/files/**").permitAll()
            .requestMatchers(HttpMethod.POST, "/api/v1/events").hasAuthority(PRODUCER)
            // /actuator/** is here only when an operator puts management on the main port
            .requestMatchers(OPERATOR_PATHS).hasAuthority(OPERATOR)
            .requestMatchers("/api/v1/usage/**", "/api/v1/usage").hasAnyAuthority(USER, ADMIN, OPERATOR)
            .requestMatchers("/api/v1/**").hasAuthority(USER)
            .anyRequest().authenticated())
        .httpBasic(basic -> basic.realmName("Switchboard operator"))
        .exceptionHandling(e -> e.authenticationEntryPoint((request, response, failure) -> {
              boolean operatorPath = operatorPath(request);
              response.setHeader("WWW-Authenticate", operatorPath ? "Basic realm=\"Switchboard operator\"" : "Bearer");
              JsonErrors.write(response, 401, operatorPath ? "the operator's credentials are required"
                  : "Authorization: Bearer <key> is required (an API key from: switchboard user create NAME)");
            })
            .accessDeniedHandler((request, response, denied) -> JsonErrors.write(response, 403,
                operatorPath(request) ? "this needs the operator's credentials"
                    : request.getRequestURI().startsWith("/api/v1/events") ? "only producer tokens may post events"
                    : "this needs a user's API key (producer tokens may only post to /api/v1/events)")))
        .addFilterBefore(new SameOriginFilter(settings.allowedOrigins()), BasicAuthenticationFilter.class)
        .addFilterBefore(new BearerKeyFilter(authenticators), BasicAuthenticationFilter.class);
    if (settings.openMode()) {
      http.addFilterAfter(new OpenModeFilter(), BasicAuthenticationFilter.class);
    }
    return stateless(http).build();
  }

  private static HttpSecurity stateless(HttpSecurity http) throws Exception {
    return http.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(AbstractHttpConfigurer::disable) // no cookie is a credential here: keys and Basic are sent on purpose
        .requestCache(AbstractHttpConfigurer::disable);
  }

  private static boolean operatorPath(HttpServletRequest request) {
    String path = request.getRequestURI();
    return java.util.Arrays.stream(OPERATOR_PATHS).map(p -> p.replace("/**", "")).anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
  }

  private static boolean isScrape(String path) {
    return path.equals("/actuator/prometheus") || path.equals("/actuator/health") || path.startsWith("/actuator/health/");
  }

  private static boolean fromLoopback(HttpServletRequest request) {
    try {
      return InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
