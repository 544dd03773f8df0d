package dev.goodhart.cli;

import dev.goodhart.ingest.BadRecord;
import dev.goodhart.ingest.ImportListener;
import dev.goodhart.ingest.ImportOptions;
import dev.goodhart.ingest.ImportSummary;
import dev.goodhart.ingest.ImportTarget;
import dev.goodhart.ingest.LogDiscovery;
import dev.goodhart.ingest.Machine;
import dev.goodhart.ingest.UsageImporter;
import dev.goodhart.model.FileCheckpoint;
import dev.goodhart.model.ImportTransaction;
import dev.goodhart.store.Store;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Runs an import into the store with what a person at a terminal expects: a progress bar on long
 * imports, and bad records listed on standard error with file and line (the first few; then a
 * count).
 */
final class ImportRunner {
  private static final int LISTED_BAD_RECORDS = 10;
  static final String BATCH_VARIABLE = "GOODHART_IMPORT_BATCH_EVENTS";

  private ImportRunner() {}

  static ImportSummary run(
      CliContext context, Store store, LogDiscovery.Result found, Machine machine) {
    store.registerMachine(machine.id(), machine.label());
    ImportTarget target =
        new ImportTarget() {
          @Override
          public Map<String, FileCheckpoint> checkpoints(String machineId) {
            return store.checkpoints(machineId);
          }

          @Override
          public ImportTransaction begin() {
            return store.beginImport();
          }
        };
    Listener listener = new Listener(context);
    ImportOptions options = ImportOptions.defaults().strict(context.strict);
    // Events per commit: smaller batches lose less to a crash and use less memory, larger ones
    // import faster.
    String batch = context.environment.get(BATCH_VARIABLE).orElse(null);
    if (batch != null) {
      try {
        options = options.batchEvents(Integer.parseInt(batch.trim()));
      } catch (IllegalArgumentException e) {
        throw CliContext.usageError(
            "%s must be a positive whole number, found '%s'".formatted(BATCH_VARIABLE, batch));
      }
    }
    try {
      return new UsageImporter(target, options, listener).run(found, machine);
    } finally {
      listener.close();
    }
  }

  private static final class Listener implements ImportListener {
    private final CliContext context;
    private final AtomicLong badRecords = new AtomicLong();
    private @Nullable ProgressBar progress;

    Listener(CliContext context) {
      this.context = context;
    }

    @Override
    public void started(int files, long bytes) {
      if (context.showProgress() && files > 0) {
        progress = new ProgressBar(context.err, "Reading agent logs", bytes);
      }
    }

    @Override
    public void progressed(long bytes) {
      if (progress != null) {
        progress.advance(bytes);
      }
    }

    @Override
    public void badRecord(BadRecord record) {
      long count = badRecords.incrementAndGet();
      if (count <= LISTED_BAD_RECORDS && !context.strict) {
        synchronized (context.err) {
          if (progress != null) {
            progress.finish();
          }
          context.warn("skipped " + record.message());
        }
      }
    }

    @Override
    public void finished(ImportSummary summary) {
      close();
      if (summary.badRecords() > LISTED_BAD_RECORDS) {
        context.warn(
            "skipped %,d unreadable records in all (%,d listed above); good records were kept"
                .formatted(summary.badRecords(), LISTED_BAD_RECORDS));
      }
    }

    void close() {
      if (progress != null) {
        progress.finish();
        progress = null;
      }
    }
  }
}
