package dev.goodhart.cli;

import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.access.Scope;
import dev.goodhart.server.AdminClient;
import dev.goodhart.server.ApiTokens;
import dev.goodhart.server.LocalAdmin;
import dev.goodhart.store.duckdb.DuckDbStore;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code goodhart token}: the API tokens of {@code goodhart serve}, kept hashed in the server's
 * data folder. While the server runs it holds that folder's store; the commands then go through its
 * admin API, with the local admin credential the server leaves in the folder ({@link LocalAdmin}).
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description =
        "Make, list and revoke the API tokens of goodhart serve, also while the server runs.")
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
        description = "Ingest, read or admin; repeat the option or separate scopes with commas.")
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
      AdminClient.Made made =
          withTokens(
              context,
              store -> {
                ApiTokens.Created created = ApiTokens.create(wanted, name, context.clock.instant());
                store.saveToken(created.stored());
                return new AdminClient.Made(created.stored().id(), created.token());
              },
              server -> server.create(wanted, name));
      context.out.println(made.token());
      context.out.flush();
      context.warn(
          "token '%s' (%s) made; it is shown this once, keep it secret"
              .formatted(made.id(), scopeNames(wanted)));
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
      List<AdminClient.Listed> tokens =
          withTokens(
              context,
              store -> store.tokens().stream().map(AdminClient.Listed::of).toList(),
              AdminClient::tokens);
      for (AdminClient.Listed token : tokens) {
        context.out.printf(
            "%s  %-20s %-18s made %s%s%n",
            token.id(),
            token.name(),
            scopeNames(token.scopes()),
            token.createdAt(),
            token.revokedAt() == null ? "" : ", revoked " + token.revokedAt());
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
      boolean revoked =
          withTokens(
              context,
              store -> store.revokeToken(id, context.clock.instant()),
              server -> server.revoke(id));
      if (!revoked) {
        throw CliContext.usageError(
            "there is no active token '%s'; 'goodhart token list' shows them".formatted(id));
      }
      context.warn("token '%s' revoked".formatted(id));
      return ExitCodes.OK;
    }
  }

  /**
   * Does the work on the store, or, while a running {@code goodhart serve} holds it, through that
   * server's admin API: the store is tried first, so a file left by a killed server is never
   * followed.
   */
  private static <T> T withTokens(
      CliContext context, Function<DuckDbStore, T> onStore, Function<AdminClient, T> onServer) {
    DuckDbStore store;
    try {
      store = context.openStore();
    } catch (GoodhartException e) {
      if (e.code() != ErrorCode.STORE_LOCKED) {
        throw e;
      }
      Optional<LocalAdmin.Endpoint> server = LocalAdmin.find(context.dataDirectory());
      if (server.isEmpty()) {
        throw new GoodhartException(
            ErrorCode.STORE_LOCKED,
            e.getMessage()
                + ". No goodhart serve of this folder was found ("
                + context.dataDirectory().resolve(LocalAdmin.FILE_NAME)
                + " is missing), so wait for the other process to finish; a server on another"
                + " machine takes tokens through its admin API with an admin token:"
                + " POST /api/v1/tokens {\"scopes\": [\"read\"], \"name\": \"...\"}, GET /api/v1/tokens,"
                + " DELETE /api/v1/tokens/ID (docs/server-api.md)",
            e);
      }
      AdminClient client = new AdminClient(server.get());
      T result = onServer.apply(client);
      context.warn("done through the running goodhart serve at " + client.url());
      return result;
    }
    try (store) {
      return onStore.apply(store);
    }
  }

  static String scopeNames(Set<Scope> scopes) {
    return scopes.stream().sorted().map(Scope::wireName).collect(Collectors.joining(","));
  }
}
