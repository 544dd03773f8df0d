package dev.goodhart.cli;

import dev.goodhart.ingest.LogDiscovery;
import dev.goodhart.ingest.Machine;
import dev.goodhart.ingest.SourceRegistry;
import dev.goodhart.metrics.outcome.OutcomeQuery;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
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
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code goodhart demo}: a synthetic organisation with real git histories and agent logs, imported,
 * scanned and reported like a real one, for a newcomer with no logs of their own. Everything lives
 * in the demo's folder, its store included: the user's own store is never touched.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Build a synthetic organisation (people, git repositories, Claude Code and Codex logs),",
      "import and scan it, and write the HTML report. Prints the report's path."
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

  DemoCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    Path folder =
        (out != null ? out : context.dataDirectory().resolve("demo")).toAbsolutePath().normalize();
    clear(folder);
    Path organisation = folder.resolve("organisation");
    context.err.println("goodhart: building a synthetic organisation in " + organisation + " ...");
    context.err.flush();
    OrganisationTruth truth =
        SyntheticOrganisation.generate(
            organisation, OrganisationSpec.of(seed, context.clock.instant()));
    context.data = folder.resolve("data");
    Prices.Loading loading = Prices.start(context, null);
    ReportCommand report = new ReportCommand(context);
    report.html = folder.resolve("report.html");
    try (DuckDbStore store = context.openStore()) {
      for (Path person : people(organisation)) {
        String email = person.getFileName().toString();
        LogDiscovery.Result found =
            LogDiscovery.inCopy(SourceRegistry.load().select(List.of()), person.resolve("home"));
        ImportRunner.run(context, store, found, Machine.named(email));
      }
      ScanCommand scanner = new ScanCommand(context);
      scanner.log = context.err;
      scanner.jobs = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
      List<Path> repositories = truth.repositories().stream().map(r -> Path.of(r.path())).toList();
      scanner.scanInto(store, repositories);
      report.repositories = repositories;
      report.render(
          report.outcomes(
              store, loading.get(), Machine.local(context.environment), OutcomeQuery.ALL));
    }
    context.out.println();
    context.out.println("The organisation's repositories and logs: " + organisation);
    context.out.println(
        "Its store: "
            + folder.resolve("data")
            + " (goodhart --data "
            + folder.resolve("data")
            + " report)");
    context.out.flush();
    return ExitCodes.OK;
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
