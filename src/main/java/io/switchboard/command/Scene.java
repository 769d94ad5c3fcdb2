package io.switchboard.command;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.stereotype.Component;

/**
 * A Spring bean whose {@link Command} methods form a scene: {@code <scene> <cmd> [args…]} in chat. Whether it is
 * restricted can be overridden per deployment with {@code switchboard.commands.scenes.<name>.access}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Component
public @interface Scene {

  String name();

  String description();

  /** Restricted scenes need an admin or a grant; public ones are open to everyone. */
  boolean restricted() default false;

  /** Its commands may also be typed without the scene name ({@code help} as well as {@code core help}). */
  boolean root() default false;
}
