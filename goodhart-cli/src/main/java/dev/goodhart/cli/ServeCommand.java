package dev.goodhart.cli;

import dev.goodhart.git.Git;
import dev.goodhart.metrics.usage.CostMode;
import dev.goodhart.metrics.usage.Pricer;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.Pseudonyms;
import dev.goodhart.model.access.Scope;
import dev.goodhart.server.ApiTokens;
import dev.goodhart.server.GoodhartServer;
import dev.goodhart.server.LocalAdmin;
import dev.goodhart.server.ServerConfig;
import dev.goodhart.server.TeamFile;
import dev.goodhart.store.duckdb.DuckDbStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code goodhart serve}: the organisation server. Owns its data folder while it runs (DuckDB lets
 * one process hold a store), mines the repositories it is given at start and again whenever GitHub
 * reports a push to one, and stops cleanly on Ctrl-C or SIGTERM: what was acknowledged is stored.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run the organisation server: it receives telemetry, webhooks and events, and serves the metrics per team and a dashboard.",
      "It receives agents' OpenTelemetry (OTLP/HTTP on /v1/logs, /v1/metrics, /v1/traces), GitHub webhooks (/webhooks/github) and deployments and incidents (/api/v1/events).",
      "It serves the metrics per team (/api/v1/...) and a dashboard (/)."
    })
final class ServeCommand implements Callable<Integer> {
  static final String GITHUB_SECRET_VARIABLE = "GOODHART_GITHUB_SECRET";

  private final CliContext context;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "Port to listen on (default 4318, OTLP/HTTP's).")
  int port = ServerConfig.DEFAULT_PORT;

  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      description = "Address to listen on (default 127.0.0.1; 0.0.0.0 for every interface).")
  String bind = "127.0.0.1";

  @Option(
      names = "--repo",
      paramLabel = "PATH",
      description =
          "A clone to mine (repeatable): scanned at start and after each push GitHub reports.")
  List<Path> repositories = new ArrayList<>();

  @Option(
      names = "--teams",
      paramLabel = "FILE",
      description =
          "Who is in which team: CSV lines 'email,team' or JSON {\"teams\":{\"team\":[emails]}}.")
  @Nullable Path teams;

  @Option(
      names = "--github-secret-file",
      paramLabel = "FILE",
      description =
          "The GitHub webhook secret (else $GOODHART_GITHUB_SECRET); without one, GitHub webhooks are refused.")
  @Nullable Path githubSecretFile;

  @Option(
      names = "--max-body",
      paramLabel = "BYTES",
      description = "Largest request body accepted (default 16777216).")
  long maxBody = 16L << 20;

  @Option(
      names = "--queue",
      paramLabel = "FACTS",
      description = "Facts that may wait for the writer before requests get 503 (default 200000).")
  int queue = 200_000;

  @Option(
      names = "--fresh-wait",
      paramLabel = "MILLIS",
      description =
          "How long a view waits for figures with the latest facts before it answers with the last ones"
              + " computed, marked stale (default 100; -1: always wait).")
  long freshWaitMillis = DEFAULT_FRESH_WAIT_MILLIS;

  /**
   * Under steady ingest the store changes several times a second, and a large organisation's
   * figures take seconds to compute: a dashboard gets the last ones at once rather than wait.
   */
  static final long DEFAULT_FRESH_WAIT_MILLIS = 100;

  @Option(names = "--price-file", paramLabel = "FILE", description = "Prices to use (JSON).")
  @Nullable Path priceFile;

  ServeCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    ServerConfig config =
        ServerConfig.defaults()
            .withPort(bind, port)
            .withLimits(maxBody, queue)
            .withGithubSecret(githubSecret())
            .withFreshWait(freshWaitMillis < 0 ? null : Duration.ofMillis(freshWaitMillis));
    Pseudonyms pseudonyms = PseudonymSecret.in(context.dataDirectory());
    Pricer pricer = new Pricer(Prices.load(context, priceFile), CostMode.AUTO);
    DuckDbStore store = context.openStore();
    ExecutorService scans =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("goodhart-scan").daemon().factory());
    GoodhartServer server;
    try {
      if (teams != null) {
        Map<String, String> mapping = TeamFile.read(teams, pseudonyms);
        store.replaceTeams(mapping);
        context.warn(
            "teams: %,d people in %,d teams from %s"
                .formatted(mapping.size(), teamCount(mapping), teams));
      }
      bootstrapToken(store);
      List<Path> clones =
          repositories.stream().map(p -> context.environment.expand(p.toString())).toList();
      GoodhartServer.RepositoryRefresher refresher =
          clones.isEmpty()
              ? GoodhartServer.RepositoryRefresher.NONE
              : repository -> scans.submit(() -> rescan(store, clones, repository != null));
      server = GoodhartServer.start(config, store, pricer, pseudonyms, context.clock, refresher);
      if (!clones.isEmpty()) {
        scans.submit(() -> rescan(store, clones, false));
      }
    } catch (RuntimeException e) {
      scans.shutdownNow();
      store.close();
      throw e;
    }
    // Lets 'goodhart token' manage tokens through this server while it holds the store.
    LocalAdmin.Endpoint localAdmin = server.localAdmin();
    try {
      LocalAdmin.publish(context.dataDirectory(), localAdmin);
    } catch (GoodhartException e) {
      context.warn(e.getMessage() + "; 'goodhart token' will not work until the server stops");
    }
    context.out.printf(
        "goodhart serve: listening on http://%s:%d/ (dashboard), OTLP on /v1/logs and /v1/metrics; data in %s%n",
        bind, server.port(), context.dataDirectory());
    context.out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread stopper =
        new Thread(
            () -> {
              LocalAdmin.withdraw(context.dataDirectory(), localAdmin.token());
              server.close();
              scans.shutdownNow();
              try {
                scans.awaitTermination(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              store.close();
              stopped.countDown();
            },
            "goodhart-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    stopped.await();
    return ExitCodes.OK;
  }

  private static int teamCount(Map<String, String> mapping) {
    return (int) mapping.values().stream().distinct().count();
  }

  /** A first start has no token to manage the others with: make an admin token and show it once. */
  private void bootstrapToken(DuckDbStore store) {
    if (!store.tokens().isEmpty()) {
      return;
    }
    ApiTokens.Created created =
        ApiTokens.create(EnumSet.of(Scope.ADMIN), "first admin", context.clock.instant());
    store.saveToken(created.stored());
    context.out.println("No API token existed; made an admin token (shown once, keep it secret):");
    context.out.println("  " + created.token());
    context.out.println(
        "Make narrower ones with 'goodhart token create --scope ingest' (it works while the server"
            + " runs) or POST /api/v1/tokens.");
    context.out.flush();
  }

  /** Fetches (when a clone has a remote and a push said so) and scans, on its own connection. */
  private void rescan(DuckDbStore store, List<Path> clones, boolean fetch) {
    try (DuckDbStore scanning = store.reader()) {
      if (fetch) {
        for (Path clone : clones) {
          Git.in(clone).tryRun("fetch", "--quiet", "origin");
        }
      }
      ScanCommand scanner = new ScanCommand(context);
      scanner.log = context.err;
      scanner.scanInto(scanning, clones);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      context.warn("scanning the repositories failed: " + e.getMessage());
    }
  }

  private byte @Nullable [] githubSecret() {
    if (githubSecretFile != null) {
      try {
        return Files.readString(githubSecretFile, StandardCharsets.UTF_8)
            .strip()
            .getBytes(StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new GoodhartException(
            ErrorCode.PATH_NOT_FOUND,
            "cannot read --github-secret-file '%s': %s".formatted(githubSecretFile, e.getMessage()),
            e);
      }
    }
    return context
        .environment
        .get(GITHUB_SECRET_VARIABLE)
        .filter(s -> !s.isBlank())
        .map(s -> s.strip().getBytes(StandardCharsets.UTF_8))
        .orElse(null);
  }
}
