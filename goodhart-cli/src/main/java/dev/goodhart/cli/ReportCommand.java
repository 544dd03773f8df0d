package dev.goodhart.cli;

import dev.goodhart.git.Git;
import dev.goodhart.ingest.LogDiscovery;
import dev.goodhart.ingest.Machine;
import dev.goodhart.ingest.SourceRegistry;
import dev.goodhart.metrics.outcome.Delivery;
import dev.goodhart.metrics.outcome.OutcomeLedger;
import dev.goodhart.metrics.outcome.OutcomeQuery;
import dev.goodhart.metrics.outcome.OutcomeReport;
import dev.goodhart.metrics.outcome.People;
import dev.goodhart.metrics.spend.SpendLedger;
import dev.goodhart.metrics.spend.SpendQuery;
import dev.goodhart.metrics.spend.SpendReport;
import dev.goodhart.metrics.usage.CostMode;
import dev.goodhart.metrics.usage.Pricer;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.Pseudonyms;
import dev.goodhart.model.pricing.PriceTable;
import dev.goodhart.report.html.HtmlReport;
import dev.goodhart.report.outcome.OutcomeJson;
import dev.goodhart.report.outcome.OutcomeSummary;
import dev.goodhart.report.spend.SpendTable;
import dev.goodhart.store.duckdb.DuckDbStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code goodhart report} (and {@code goodhart} alone): what the tokens shipped. Imports what is
 * new in this machine's agent logs and scans the repositories (the current one by default) first,
 * so one command is enough; then links sessions to commits and reports.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "What the tokens shipped: spend, shipped commits, cost per shipped commit, unshipped spend, the yield of AI-written lines and waste signals.",
      "It first imports what is new in the agent logs and scans REPO (default: the repository of the current folder, if any)."
    })
final class ReportCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "REPO", arity = "0..*", description = "Repositories to scan first.")
  List<Path> repositories = new ArrayList<>();

  @Option(
      names = {"-j", "--json"},
      description = "Print the report as one JSON object (every metric).")
  boolean json;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description = "Write the report as one self-contained HTML page with charts.")
  @Nullable Path html;

  @Option(
      names = {"-s", "--since"},
      paramLabel = "DATE",
      description = "First UTC day of spend to include (YYYY-MM-DD or YYYYMMDD).")
  @Nullable String since;

  @Option(
      names = {"-u", "--until"},
      paramLabel = "DATE",
      description = "Last UTC day of spend to include.")
  @Nullable String until;

  @Option(names = "--no-import", description = "Report from the store only: read no logs.")
  boolean noImport;

  @Option(names = "--no-scan", description = "Scan no repository first.")
  boolean noScan;

  @Option(names = "--price-file", paramLabel = "FILE", description = "Prices to use (JSON).")
  @Nullable Path priceFile;

  @Option(
      names = "--provenance-window",
      paramLabel = "DAYS",
      description =
          "How long after an agent wrote a line a commit may still land it as the agent's work"
              + " (default: 14 days).")
  @Nullable Integer provenanceWindowDays;

  @Option(
      names = "--no-provenance",
      description =
          "Link sessions by the shas they printed (on the branch), trailers and time only: follow"
              + " no lines, look up no rebased or squashed commit.")
  boolean noProvenance;

  ReportCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    LocalDate first = UsageOptions.date("--since", since);
    LocalDate last = UsageOptions.date("--until", until);
    if (first != null && last != null && first.isAfter(last)) {
      throw CliContext.usageError("--since '%s' is after --until '%s'".formatted(since, until));
    }
    if (provenanceWindowDays != null && provenanceWindowDays < 1) {
      throw CliContext.usageError(
          "--provenance-window must be 1 day or more, found '%d'".formatted(provenanceWindowDays));
    }
    Prices.Loading loading = Prices.start(context, priceFile);
    try (DuckDbStore store = context.openStore()) {
      Trace.mark("store opened");
      Machine machine = Machine.local(context.environment);
      if (!noImport) {
        LogDiscovery.Result found =
            LogDiscovery.onThisMachine(
                SourceRegistry.load().select(List.of()), context.environment);
        ImportRunner.run(context, store, found, machine);
        Trace.mark("new logs imported");
      }
      if (!noScan) {
        scan(store);
        Trace.mark("repositories scanned");
      }
      OutcomeReport outcomes =
          outcomes(
              store,
              loading.get(),
              machine,
              new OutcomeQuery(first, last, OutcomeQuery.PRIVACY_FLOOR)
                  .withLineProvenance(!noProvenance)
                  .withProvenanceWindow(
                      provenanceWindowDays == null ? null : Duration.ofDays(provenanceWindowDays)));
      render(
          outcomes,
          new SpendLedger(store, store, new Pricer(loading.get(), CostMode.AUTO), context.clock)
              .report(new SpendQuery(first, last)));
    }
    return ExitCodes.OK;
  }

  /** The report of what the store holds. */
  OutcomeReport outcomes(
      DuckDbStore store, PriceTable prices, Machine machine, OutcomeQuery query) {
    Pseudonyms pseudonyms = PseudonymSecret.in(context.dataDirectory());
    return new OutcomeLedger(
            store,
            new Pricer(prices, CostMode.AUTO),
            people(store.machines(), machine, pseudonyms, identityFolder()),
            context.clock,
            Delivery.from(store))
        .report(query);
  }

  /**
   * The named repositories, else the current folder's when it is in one: a report run outside any
   * repository reports spend with nothing to link it to, and says so.
   */
  private void scan(DuckDbStore store) throws InterruptedException {
    ScanCommand scanner = new ScanCommand(context);
    scanner.log = context.err;
    scanner.followLines = !noProvenance;
    if (!repositories.isEmpty()) {
      scanner.scanInto(store, repositories);
      return;
    }
    try {
      scanner.scanInto(store, List.of(Path.of("")));
    } catch (GoodhartException e) {
      if (e.code() != ErrorCode.NOT_A_REPOSITORY
          && e.code() != ErrorCode.UNKNOWN_BRANCH
          && e.code() != ErrorCode.GIT_FAILURE) {
        throw e;
      }
      context.warn("not scanning the current folder: " + e.getMessage());
    }
  }

  /**
   * Who ran each machine's sessions, as the pseudonym commit authors get: a machine imported under
   * an email address is that person; this machine is the git identity of the first repository (or
   * the current folder).
   */
  private People people(
      Map<String, String> machines, Machine local, Pseudonyms pseudonyms, Path identityFolder) {
    String localEmail =
        Git.in(identityFolder)
            .tryRun("config", "user.email")
            .map(String::trim)
            .filter(email -> email.contains("@"))
            .orElse(null);
    return machineId -> {
      if (machineId.equals(local.id()) && localEmail != null) {
        return pseudonyms.of(localEmail);
      }
      String label = machines.get(machineId);
      return label != null && label.contains("@") ? pseudonyms.of(label) : null;
    };
  }

  /** Where this machine's git identity is read: the identity commits made there get. */
  private Path identityFolder() {
    Path folder = repositories.isEmpty() ? Path.of("") : repositories.getFirst();
    return context.environment.expand(folder.toString()).toAbsolutePath().normalize();
  }

  void render(OutcomeReport report) throws IOException {
    render(report, null);
  }

  /** The report, with what vendors billed beside what was observed when it is known. */
  void render(OutcomeReport report, @Nullable SpendReport spend) throws IOException {
    Trace.mark("report computed");
    if (html != null) {
      Path file = html.toAbsolutePath();
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        HtmlReport.write(OutcomeJson.toJson(report, spend), out);
      } catch (IOException e) {
        throw new GoodhartException(
            ErrorCode.IO_FAILURE,
            "cannot write the HTML report to '%s': %s".formatted(file, e.getMessage()),
            e);
      }
      if (!json) {
        summary(report, spend);
        context.out.println();
        context.out.println("HTML report: " + file);
        context.out.flush();
      }
    }
    if (json) {
      try {
        OutcomeJson.write(report, spend, context.out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else if (html == null) {
      summary(report, spend);
    }
  }

  private void summary(OutcomeReport report, @Nullable SpendReport spend) {
    OutcomeSummary.write(report, context.out);
    if (spend != null) {
      SpendTable.summary(spend, context.out);
    }
  }
}
