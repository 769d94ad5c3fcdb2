package io.switchboard.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/** HTTP Basic with the operator's credentials: the only username/password login Switchboard has. */
class OperatorAuthentication implements AuthenticationProvider {

  private final OperatorCredentials credentials;

  OperatorAuthentication(OperatorCredentials credentials) {
    this.credentials = credentials;
  }

  @Override
  public Authentication authenticate(Authentication request) {
    String user = request.getName();
    Object password = request.getCredentials();
    if (!credentials.matches(user, password == null ? null : password.toString())) {
      throw new BadCredentialsException("wrong operator user or password");
    }
    return new CallerAuthentication(Caller.operator(credentials.username()));
  }

  @Override
  public boolean supports(Class<?> type) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
  }
}
