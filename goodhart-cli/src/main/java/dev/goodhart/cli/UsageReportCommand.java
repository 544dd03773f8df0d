package dev.goodhart.cli;

import dev.goodhart.ingest.LogDiscovery;
import dev.goodhart.ingest.Machine;
import dev.goodhart.ingest.SourceRegistry;
import dev.goodhart.ingest.UsageSource;
import dev.goodhart.metrics.usage.Pricer;
import dev.goodhart.metrics.usage.UsageLedger;
import dev.goodhart.metrics.usage.UsageQuery;
import dev.goodhart.metrics.usage.UsageReport;
import dev.goodhart.metrics.usage.UsageReportKind;
import dev.goodhart.model.pricing.PriceTable;
import dev.goodhart.report.usage.UsageCsvWriter;
import dev.goodhart.report.usage.UsageJsonWriter;
import dev.goodhart.report.usage.UsageTableWriter;
import dev.goodhart.store.duckdb.DuckDbStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * One usage report ({@code daily}, {@code weekly}, {@code monthly}, {@code session}, {@code
 * blocks}). It first imports what is new in the agent logs, so one command is enough, then reports
 * from the store.
 */
@Command(mixinStandardHelpOptions = true)
final class UsageReportCommand implements Callable<Integer> {
  private final CliContext context;
  private final UsageReportKind kind;

  @Mixin UsageOptions options = new UsageOptions();

  UsageReportCommand(CliContext context, UsageReportKind kind) {
    this.context = context;
    this.kind = kind;
  }

  @Override
  public Integer call() {
    Trace.mark("command line parsed");
    UsageQuery query = options.query(kind, context.zone);
    SourceRegistry registry = SourceRegistry.load();
    List<UsageSource> sources = registry.select(query.sources());
    Prices.Loading loading = Prices.start(context, options.priceFile);
    LogDiscovery.Result found = LogDiscovery.onThisMachine(sources, context.environment);
    Trace.mark("logs discovered");
    try (DuckDbStore store = context.openStore()) {
      Trace.mark("store opened");
      ImportRunner.run(context, store, found, Machine.local(context.environment));
      Trace.mark("new usage imported");
      PriceTable prices = loading.get();
      Trace.mark("prices loaded");
      UsageReport report =
          new UsageLedger(store, new Pricer(prices, query.mode()), context.clock).report(query);
      Trace.mark("report computed");
      render(report);
      Trace.mark("report written");
      if (!report.unpriced().isEmpty() && (options.json || options.csv)) {
        report
            .unpriced()
            .forEach(
                model ->
                    context.warn(
                        "no price for model '%s' (%,d requests, %,d tokens): its cost is left out; price it with --price-file FILE or 'goodhart prices update --from FILE'"
                            .formatted(model.model(), model.requests(), model.tokens())));
      }
    }
    return ExitCodes.OK;
  }

  private void render(UsageReport report) {
    if (options.json) {
      try {
        UsageJsonWriter.write(report, context.out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else if (options.csv) {
      new UsageCsvWriter(options.breakdown).write(report, context.out);
    } else {
      new UsageTableWriter(options.compact, options.breakdown).write(report, context.out);
    }
  }
}
