package io.switchboard.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated {@link Caller}, with its roles: USER (+ ADMIN), PRODUCER or OPERATOR. */
public class CallerAuthentication extends AbstractAuthenticationToken {

  public static final String USER = "ROLE_USER";
  public static final String ADMIN = "ROLE_ADMIN";
  public static final String PRODUCER = "ROLE_PRODUCER";
  public static final String OPERATOR = "ROLE_OPERATOR";

  private final Caller caller;

  public CallerAuthentication(Caller caller) {
    super(authorities(caller));
    this.caller = caller;
    setAuthenticated(true);
  }

  private static List<GrantedAuthority> authorities(Caller caller) {
    List<GrantedAuthority> roles = new ArrayList<>();
    switch (caller.kind()) {
      case USER -> roles.add(new SimpleGrantedAuthority(USER));
      case PRODUCER -> roles.add(new SimpleGrantedAuthority(PRODUCER));
      case OPERATOR -> roles.add(new SimpleGrantedAuthority(OPERATOR));
    }
    if (caller.admin() && caller.kind() == Caller.Kind.USER) {
      roles.add(new SimpleGrantedAuthority(ADMIN));
    }
    return roles;
  }

  @Override
  public Caller getPrincipal() {
    return caller;
  }

  @Override
  public Object getCredentials() {
    return null; // never kept once authenticated
  }
}
