package dev.goodhart.cli;

import dev.goodhart.ingest.LogDiscovery;
import dev.goodhart.ingest.Machine;
import dev.goodhart.ingest.SourceRegistry;
import dev.goodhart.metrics.spend.SpendLedger;
import dev.goodhart.metrics.spend.SpendQuery;
import dev.goodhart.metrics.spend.SpendReport;
import dev.goodhart.metrics.usage.CostMode;
import dev.goodhart.metrics.usage.Pricer;
import dev.goodhart.report.spend.SpendJson;
import dev.goodhart.report.spend.SpendTable;
import dev.goodhart.store.duckdb.DuckDbStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code goodhart spend}: per UTC day, what the vendors billed beside what the logs and telemetry
 * observed, and the gap. Imports what is new in the agent logs first, as the usage reports do, so
 * that "observed" is the cost {@code goodhart usage daily} gives the same UTC days.
 */
@Command(
    name = "spend",
    mixinStandardHelpOptions = true,
    description = {
      "Show what vendors billed beside the spend goodhart observed, per UTC day.",
      "Bills come from 'goodhart import vendor'; observed spend from the agents' logs and telemetry.",
      "The gap is billed minus observed. New agent logs are imported first."
    })
final class SpendCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(
      names = {"-s", "--since"},
      paramLabel = "DATE",
      description = "First UTC day to include (YYYY-MM-DD or YYYYMMDD).")
  @Nullable String since;

  @Option(
      names = {"-u", "--until"},
      paramLabel = "DATE",
      description = "Last UTC day to include.")
  @Nullable String until;

  @Option(
      names = {"-j", "--json"},
      description = "Print the days and totals as JSON.")
  boolean json;

  @Option(names = "--no-import", description = "Report from the store only: read no logs.")
  boolean noImport;

  @Option(
      names = "--price-file",
      paramLabel = "FILE",
      description = "Prices for this run's observed spend (JSON).")
  @Nullable Path priceFile;

  SpendCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    LocalDate first = UsageOptions.date("--since", since);
    LocalDate last = UsageOptions.date("--until", until);
    if (first != null && last != null && first.isAfter(last)) {
      throw CliContext.usageError("--since '%s' is after --until '%s'".formatted(since, until));
    }
    Prices.Loading loading = Prices.start(context, priceFile);
    LogDiscovery.Result found =
        noImport
            ? null
            : LogDiscovery.onThisMachine(
                SourceRegistry.load().select(List.of()), context.environment);
    try (DuckDbStore store = context.openStore()) {
      if (found != null) {
        ImportRunner.run(context, store, found, Machine.local(context.environment));
      }
      SpendReport report =
          new SpendLedger(store, store, new Pricer(loading.get(), CostMode.AUTO), context.clock)
              .report(new SpendQuery(first, last));
      if (json) {
        try {
          SpendJson.write(report, context.out);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      } else {
        SpendTable.write(report, context.out);
      }
    }
    return ExitCodes.OK;
  }
}
