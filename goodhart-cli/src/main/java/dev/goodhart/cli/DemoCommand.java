package dev.goodhart.cli;

import dev.goodhart.ingest.LogDiscovery;
import dev.goodhart.ingest.Machine;
import dev.goodhart.ingest.SourceRegistry;
import dev.goodhart.ingest.WebhookPayloadException;
import dev.goodhart.ingest.deploys.GenericEvents;
import dev.goodhart.ingest.forge.ForgeImportSummary;
import dev.goodhart.ingest.github.GitHubSavedFiles;
import dev.goodhart.metrics.outcome.OutcomeQuery;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.Pseudonyms;
import dev.goodhart.model.access.Scope;
import dev.goodhart.model.delivery.DeliveryBatch;
import dev.goodhart.server.ApiTokens;
import dev.goodhart.server.ServerConfig;
import dev.goodhart.store.duckdb.DuckDbStore;
import dev.goodhart.synthetic.org.OrganisationSpec;
import dev.goodhart.synthetic.org.OrganisationTruth;
import dev.goodhart.synthetic.org.SyntheticOrganisation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code goodhart demo}: a synthetic organisation with real git histories, agent logs, pull
 * requests (merged, squashed, rebased, closed; reviewed) and production deployments, imported,
 * scanned and reported like a real one, for a newcomer with no logs of their own. Everything lives
 * in the demo's folder, its store included: the user's own store is never touched. The pull
 * requests go through {@code import github --from}'s reader, the deployments through the generic
 * events endpoint's, as a real organisation's would.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Build a synthetic organisation, import and scan it, and write its HTML report.",
      "The organisation has people, git repositories, Claude Code and Codex logs, pull requests with reviews and production deployments.",
      "It prints the report's path and how to serve the dashboard on it."
    })
final class DemoCommand implements Callable<Integer> {
  /** What marks a folder as a demo this command made, and may therefore replace. */
  private static final String TRUTH = "truth.json";

  private final CliContext context;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Where to build it (default: demo in the data folder). Replaced if it is a demo.")
  @Nullable Path out;

  @Option(names = "--seed", paramLabel = "N", description = "Another organisation (default: 1).")
  long seed = 1;

  @Option(
      names = "--people",
      paramLabel = "N",
      description = "People in it, 1 to 100 (default: ${DEFAULT-VALUE}).")
  int people = OrganisationSpec.DEFAULT_PEOPLE;

  @Option(
      names = "--repositories",
      paramLabel = "N",
      description = "Repositories, 1 to 24 (default: ${DEFAULT-VALUE}).")
  int repositories = OrganisationSpec.DEFAULT_REPOSITORIES;

  @Option(
      names = "--days",
      paramLabel = "N",
      description = "Days of history, 7 to 365 (default: ${DEFAULT-VALUE}).")
  int days = OrganisationSpec.DEFAULT_DAYS;

  /** The source of deployments that name none; the organisation's CI names itself in each. */
  private static final String DEPLOY_SOURCE = "demo";

  DemoCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    OrganisationSpec spec;
    try {
      spec = new OrganisationSpec(seed, context.clock.instant(), people, repositories, days);
    } catch (IllegalArgumentException e) {
      throw CliContext.usageError(e.getMessage());
    }
    Path folder =
        (out != null ? out : context.dataDirectory().resolve("demo")).toAbsolutePath().normalize();
    clear(folder);
    Path organisation = folder.resolve("organisation");
    context.err.println("goodhart: building a synthetic organisation in " + organisation + " ...");
    context.err.flush();
    OrganisationTruth truth = SyntheticOrganisation.generate(organisation, spec);
    Trace.mark("organisation built");
    context.data = folder.resolve("data");
    Prices.Loading loading = Prices.start(context, null);
    ReportCommand report = new ReportCommand(context);
    report.html = folder.resolve("report.html");
    String token;
    try (DuckDbStore store = context.openStore()) {
      for (Path person : people(organisation)) {
        String email = person.getFileName().toString();
        LogDiscovery.Result found =
            LogDiscovery.inCopy(SourceRegistry.load().select(List.of()), person.resolve("home"));
        ImportRunner.run(context, store, found, Machine.named(email));
      }
      Trace.mark("logs imported");
      ScanCommand scanner = new ScanCommand(context);
      scanner.log = context.err;
      scanner.jobs = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
      List<Path> repositories = truth.repositories().stream().map(r -> Path.of(r.path())).toList();
      scanner.scanInto(store, repositories);
      Trace.mark("repositories scanned");
      delivery(store, truth);
      Trace.mark("forge and deployments read");
      report.repositories = repositories;
      report.render(
          report.outcomes(
              store, loading.get(), Machine.local(context.environment), OutcomeQuery.ALL));
      Trace.mark("report written");
      token = dashboardToken(store);
    }
    Path data = folder.resolve("data");
    context.out.println();
    context.out.println(
        "The organisation's repositories, logs, pull requests and deployments: " + organisation);
    context.out.println("Its store: " + data + " (goodhart --data " + data + " report)");
    context.out.println(
        "Its dashboard: goodhart --data "
            + data
            + " serve   then open http://127.0.0.1:"
            + ServerConfig.DEFAULT_PORT
            + "/ and give it the read token "
            + token);
    context.out.flush();
    return ExitCodes.OK;
  }

  /**
   * Each repository's pull requests (with their commits, reviews and review comments) as {@code
   * import github --from} reads them, and its production deployments as the events endpoint reads
   * them.
   */
  private void delivery(DuckDbStore store, OrganisationTruth truth) throws IOException {
    Pseudonyms pseudonyms = PseudonymSecret.in(context.dataDirectory());
    GitHubSavedFiles pulls = new GitHubSavedFiles(pseudonyms);
    for (OrganisationTruth.Repository repository : truth.repositories()) {
      ForgeImportSummary summary;
      try (ForgeProgress progress =
          new ForgeProgress(context, "Reading " + repository.fullName())) {
        summary =
            pulls.read(
                List.of(Path.of(repository.pullRequestsFile())),
                repository.fullName(),
                ImportForgeCommand.target(store),
                true,
                progress);
      }
      DeliveryBatch deployments;
      try {
        deployments =
            GenericEvents.parse(
                Files.readAllBytes(Path.of(repository.deploymentsFile())), DEPLOY_SOURCE);
      } catch (WebhookPayloadException e) {
        throw new IllegalStateException(
            "the demo's deployments of " + repository.name() + " do not read: " + e.getMessage(),
            e);
      }
      store.recordDelivery(deployments);
      context.err.printf(
          "%s: %,d pull requests (%,d reviews), %,d deployments%n",
          repository.fullName(),
          summary.pullRequests(),
          summary.reviews(),
          deployments.deployments().size());
    }
  }

  /** A token to read the demo's dashboard with: made in its store, shown each time. */
  private String dashboardToken(DuckDbStore store) {
    ApiTokens.Created created =
        ApiTokens.create(EnumSet.of(Scope.READ), "demo dashboard", context.clock.instant());
    store.saveToken(created.stored());
    return created.token();
  }

  /** The folder of each person's logs, named by their email address, in name order. */
  private static List<Path> people(Path organisation) throws IOException {
    try (Stream<Path> folders = Files.list(organisation.resolve("people"))) {
      return folders.filter(Files::isDirectory).sorted().toList();
    }
  }

  /**
   * Makes room for a new demo: a missing or empty folder is fine, a demo made before is deleted,
   * anything else is refused so that no one's files are lost.
   */
  private static void clear(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    boolean empty;
    try (Stream<Path> entries = Files.list(folder)) {
      empty = entries.findAny().isEmpty();
    }
    if (empty) {
      return;
    }
    if (!Files.exists(folder.resolve("organisation").resolve(TRUTH))) {
      throw new GoodhartException(
          ErrorCode.USAGE_ERROR,
          "'%s' is not empty and holds no earlier demo; give --out an empty or new folder"
              .formatted(folder));
    }
    Files.walkFileTree(
        folder,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path directory, IOException e)
              throws IOException {
            if (e != null) {
              throw new UncheckedIOException(e);
            }
            Files.delete(directory);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
