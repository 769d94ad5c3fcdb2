package io.switchboard.cli;

import io.switchboard.producer.ApiTokens;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard token create|revoke|list}: producer tokens for {@code POST /api/v1/events}, straight in the
 * database, so it works whether or not a {@code serve} runs on the same data.
 */
@Command(name = "token", description = "Create, revoke and list producer tokens (POST /api/v1/events).",
    subcommands = {TokenCommand.Create.class, TokenCommand.Revoke.class, TokenCommand.ListTokens.class})
class TokenCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(System.err);
    return 2;
  }

  static <T> T withTokens(String[] springArguments, Function<ApiTokens, T> action) {
    return OfflineStore.with(springArguments, context -> action.apply(context.getBean(ApiTokens.class)));
  }

  @Command(name = "create", description = "Create a token; its value is printed once and only its hash is kept.")
  static class Create extends StoreCommand {

    @Parameters(index = "0", description = "A name for the producer, e.g. ci or grafana.") String name;

    @Option(names = "--scopes", split = ",", description = "What it may do: events, events:<platform>:<bot>, notify:<platform>:<bot>:<chat>, "
        + "topic:<name>, * (* as wildcard). Default: events (CloudEvents into the producer's own conversations).")
    List<String> scopes = List.of();

    @Override
    public Integer call() {
      try {
        ApiTokens.Created created = withTokens(settings(), tokens -> tokens.create(name, scopes));
        System.out.println(created.plaintext());
        System.err.println("Token '" + name + "' created with scopes " + String.join(",", created.token().scopes())
            + ". Keep the value above now: it is not shown again.");
        return 0;
      } catch (IllegalArgumentException e) {
        System.err.println(e.getMessage());
        return 1;
      }
    }
  }

  @Command(name = "revoke", description = "Revoke a token: requests with it get 401 from now on.")
  static class Revoke extends StoreCommand {

    @Parameters(index = "0", description = "The token's name.") String name;

    @Override
    public Integer call() {
      boolean revoked = withTokens(settings(), tokens -> tokens.revoke(name));
      System.err.println(revoked ? "Token '" + name + "' revoked." : "No active token named '" + name + "'.");
      return revoked ? 0 : 1;
    }
  }

  @Command(name = "list", description = "The tokens: name, scopes, created, revoked.")
  static class ListTokens extends StoreCommand {

    @Override
    public Integer call() {
      for (ApiTokens.Token token : withTokens(settings(), ApiTokens::all)) {
        System.out.println(token.name() + "\t" + String.join(",", token.scopes()) + "\tcreated " + token.createdAt()
            + (token.active() ? "" : "\trevoked " + token.revokedAt()));
      }
      return 0;
    }
  }
}
