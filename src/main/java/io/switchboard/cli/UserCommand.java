package io.switchboard.cli;

import io.switchboard.user.ApiUsers;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard user create|list|rotate|revoke}: API users and their keys, straight in the database, so it works
 * whether or not a {@code serve} runs on the same data. A new key is printed alone on the last line of stdout (for
 * scripts: {@code KEY=$(switchboard user create alice | tail -1)}); only its hash is kept.
 */
@Command(name = "user", description = "Create, list, rotate and revoke API users and their keys.",
    subcommands = {UserCommand.Create.class, UserCommand.ListUsers.class, UserCommand.Rotate.class, UserCommand.Revoke.class})
class UserCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(System.err);
    return 2;
  }

  static <T> T withUsers(String[] springArguments, Function<ApiUsers, T> action) {
    return OfflineStore.with(springArguments, context -> action.apply(context.getBean(ApiUsers.class)));
  }

  static void printKey(ApiUsers.Created created, String what) {
    System.err.println("User '" + created.user().name() + "'" + (created.user().admin() ? " (admin)" : "") + " " + what
        + ". Use the key below as Authorization: Bearer <key>; keep it now, it is not shown again.");
    System.out.println(created.key());
  }

  @Command(name = "create", description = "Create a user with a new API key.")
  static class Create extends StoreCommand {

    @Parameters(index = "0", description = "The user's name: 1-64 letters, digits, '.', '_' or '-'.") String name;

    @Option(names = "--admin", description = "An admin: may grant and revoke restricted commands (on the API and web platforms).")
    boolean admin;

    @Override
    public Integer call() {
      try {
        printKey(withUsers(settings(), users -> users.create(name, admin)), "created");
        return 0;
      } catch (IllegalArgumentException e) {
        System.err.println(e.getMessage());
        return 1;
      }
    }
  }

  @Command(name = "list", description = "The users: name, admin, created, revoked.")
  static class ListUsers extends StoreCommand {

    @Override
    public Integer call() {
      for (ApiUsers.User user : withUsers(settings(), ApiUsers::all)) {
        System.out.println(user.name() + "\t" + (user.admin() ? "admin" : "user") + "\tcreated " + user.createdAt()
            + (user.active() ? "" : "\trevoked " + user.revokedAt()));
      }
      return 0;
    }
  }

  @Command(name = "rotate", description = "Give a user a new key; the old one stops working at once.")
  static class Rotate extends StoreCommand {

    @Parameters(index = "0", description = "The user's name.") String name;

    @Override
    public Integer call() {
      Optional<ApiUsers.Created> rotated = withUsers(settings(), users -> users.rotate(name));
      if (rotated.isEmpty()) {
        System.err.println("No active user named '" + name + "'.");
        return 1;
      }
      printKey(rotated.get(), "has a new key");
      return 0;
    }
  }

  @Command(name = "revoke", description = "Revoke a user: their key gets 401 from now on; the name stays taken.")
  static class Revoke extends StoreCommand {

    @Parameters(index = "0", description = "The user's name.") String name;

    @Override
    public Integer call() {
      boolean revoked = withUsers(settings(), users -> users.revoke(name));
      System.err.println(revoked ? "User '" + name + "' revoked." : "No active user named '" + name + "'.");
      return revoked ? 0 : 1;
    }
  }
}
