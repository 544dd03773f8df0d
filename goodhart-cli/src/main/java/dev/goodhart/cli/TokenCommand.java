package dev.goodhart.cli;

import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.access.ApiToken;
import dev.goodhart.model.access.Scope;
import dev.goodhart.server.ApiTokens;
import dev.goodhart.store.duckdb.DuckDbStore;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code goodhart token}: the API tokens of {@code goodhart serve}, kept hashed in the server's
 * data folder. While the server runs it holds that folder; then use its {@code /api/v1/tokens}
 * endpoint with an admin token instead.
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "Make, list and revoke the API tokens of goodhart serve.")
final class TokenCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "name a token command: create, list or revoke");
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Make an API token and print it once (only its hash is kept).",
        "Scopes: ingest (send telemetry, webhooks, events), read (API, dashboard), admin (all, and tokens and teams)."
      })
  static final class Create implements Callable<Integer> {
    private final CliContext context;

    @Option(
        names = "--scope",
        required = true,
        split = ",",
        paramLabel = "SCOPE",
        description = "ingest, read or admin; repeat or separate with commas.")
    List<String> scopes = new ArrayList<>();

    @Option(names = "--name", paramLabel = "NAME", description = "What the token is for.")
    String name = "token";

    Create(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Set<Scope> wanted = EnumSet.noneOf(Scope.class);
      for (String scope : scopes) {
        wanted.add(
            Scope.fromWire(scope)
                .orElseThrow(
                    () ->
                        CliContext.usageError(
                            "--scope '%s' is unknown; use ingest, read or admin"
                                .formatted(scope))));
      }
      ApiTokens.Created created = ApiTokens.create(wanted, name, context.clock.instant());
      try (DuckDbStore store = openStore(context)) {
        store.saveToken(created.stored());
      }
      context.out.println(created.token());
      context.out.flush();
      context.warn(
          "token '%s' (%s) made; it is shown this once, keep it secret"
              .formatted(created.stored().id(), scopeNames(wanted)));
      return ExitCodes.OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the tokens.")
  static final class ListTokens implements Callable<Integer> {
    private final CliContext context;

    ListTokens(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      try (DuckDbStore store = openStore(context)) {
        for (ApiToken token : store.tokens()) {
          context.out.printf(
              "%s  %-20s %-18s made %s%s%n",
              token.id(),
              token.name(),
              scopeNames(token.scopes()),
              token.createdAt(),
              token.revokedAt() == null ? "" : ", revoked " + token.revokedAt());
        }
      }
      context.out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token.")
  static final class Revoke implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "ID", description = "The token's id (see token list).")
    String id = "";

    Revoke(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      try (DuckDbStore store = openStore(context)) {
        if (!store.revokeToken(id, context.clock.instant())) {
          throw CliContext.usageError(
              "there is no active token '%s'; 'goodhart token list' shows them".formatted(id));
        }
      }
      context.warn("token '%s' revoked".formatted(id));
      return ExitCodes.OK;
    }
  }

  /**
   * The store, or, while a running {@code goodhart serve} holds it, the way to manage tokens that
   * works meanwhile: the server's admin API.
   */
  private static DuckDbStore openStore(CliContext context) {
    try {
      return context.openStore();
    } catch (GoodhartException e) {
      if (e.code() != ErrorCode.STORE_LOCKED) {
        throw e;
      }
      throw new GoodhartException(
          ErrorCode.STORE_LOCKED,
          e.getMessage()
              + ". While 'goodhart serve' runs on it, manage tokens through its admin API with an admin"
              + " token: POST /api/v1/tokens {\"scopes\": [\"read\"], \"name\": \"...\"}, GET /api/v1/tokens,"
              + " DELETE /api/v1/tokens/ID (docs/server-api.md)",
          e);
    }
  }

  static String scopeNames(Set<Scope> scopes) {
    return scopes.stream().sorted().map(Scope::wireName).collect(Collectors.joining(","));
  }
}
