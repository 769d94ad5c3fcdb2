package io.switchboard.command;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A command of a {@link Scene}: a public method taking a {@link CommandContext} and returning a {@link CommandReply}.
 * The argument bounds let a bare line that merely starts with a command word ("help me write…") go to the model.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Command {

  String name();

  String description();

  /** The arguments, as shown by help: {@code <required> [optional]}. */
  String usage() default "";

  int minArgs() default 0;

  /** -1: any number. */
  int maxArgs() default -1;

  /** Only the platform's admins may run it, whatever the grants. */
  boolean adminOnly() default false;
}
