package dev.goodhart.cli;

import dev.goodhart.ingest.ImportSummary;
import dev.goodhart.ingest.LogDiscovery;
import dev.goodhart.ingest.Machine;
import dev.goodhart.ingest.SourceRegistry;
import dev.goodhart.ingest.UsageSource;
import dev.goodhart.store.StoreStatistics;
import dev.goodhart.store.duckdb.DuckDbStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code goodhart import usage}: reads agent logs into the store without reporting. Incremental and
 * idempotent: files read before are read only from where the last import stopped.
 */
@Command(
    name = "usage",
    mixinStandardHelpOptions = true,
    description = {
      "Import agent usage logs into the store.",
      "Without PATH: every log folder and database of this machine, of every agent --source names.",
      "With --from-dir: a copy of another machine's home or agent folders, kept apart under --machine NAME."
    })
final class ImportUsageCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Log files or folders to import.")
  List<Path> paths = new ArrayList<>();

  @Option(
      names = "--from-dir",
      paramLabel = "DIR",
      description = "A copy of another machine's logs.")
  @Nullable Path fromDir;

  @Option(
      names = "--machine",
      paramLabel = "NAME",
      description = "The name of the machine --from-dir came from.")
  @Nullable String machine;

  @Option(
      names = "--source",
      split = ",",
      paramLabel = "NAME",
      description = "Only these agents: ${COMPLETION-CANDIDATES} (default: all).",
      completionCandidates = SourceNames.class)
  List<String> sources = new ArrayList<>();

  @Option(
      names = {"-j", "--json"},
      description = "Print the summary as JSON.")
  boolean json;

  ImportUsageCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    List<UsageSource> selected = SourceRegistry.load().select(sources);
    LogDiscovery.Result found;
    Machine from;
    if (fromDir != null) {
      if (machine == null || machine.isBlank()) {
        throw CliContext.usageError(
            "--from-dir needs --machine NAME: the name the other machine's usage is kept under");
      }
      if (!paths.isEmpty()) {
        throw CliContext.usageError("give either PATH arguments or --from-dir, not both");
      }
      if (!Files.isDirectory(fromDir)) {
        throw CliContext.usageError("--from-dir '%s' is not a folder".formatted(fromDir));
      }
      found = LogDiscovery.inCopy(selected, fromDir);
      from = Machine.named(machine);
    } else {
      if (machine != null) {
        throw CliContext.usageError(
            "--machine only applies to --from-dir; this machine's logs keep its own name");
      }
      for (Path path : paths) {
        if (!Files.exists(path)) {
          throw CliContext.usageError("'%s' does not exist".formatted(path));
        }
      }
      found =
          paths.isEmpty()
              ? LogDiscovery.onThisMachine(selected, context.environment)
              : LogDiscovery.inPaths(selected, paths);
      from = Machine.local(context.environment);
    }
    try (DuckDbStore store = context.openStore()) {
      ImportSummary summary = ImportRunner.run(context, store, found, from);
      print(summary, store.statistics(), from);
    }
    return ExitCodes.OK;
  }

  private void print(ImportSummary summary, StoreStatistics statistics, Machine from) {
    if (json) {
      context.out.printf(
          "{\"machine\": \"%s\", \"filesFound\": %d, \"filesUnchanged\": %d, \"filesRead\": %d, \"bytesRead\": %d,"
              + " \"eventsRead\": %d, \"badRecords\": %d, \"storedEvents\": %d, \"countedEvents\": %d}%n",
          from.label().replace("\\", "\\\\").replace("\"", "\\\""),
          summary.filesFound(),
          summary.filesUnchanged(),
          summary.filesRead(),
          summary.bytesRead(),
          summary.eventsRead(),
          summary.badRecords(),
          statistics.events(),
          statistics.countedEvents());
    } else if (!context.quiet) {
      context.out.printf(
          "Imported %,d requests from %,d files of %s (%,d files unchanged since the last import); %,d unreadable records skipped.%n"
              + "The store holds %,d requests (%,d counted; the rest are sub-agent replays of counted ones).%n",
          summary.eventsRead(),
          summary.filesRead(),
          from.label(),
          summary.filesUnchanged(),
          summary.badRecords(),
          statistics.events(),
          statistics.countedEvents());
    }
    context.out.flush();
  }
}
