package dev.goodhart.bench;

import dev.goodhart.ingest.Environment;
import dev.goodhart.ingest.ImportListener;
import dev.goodhart.ingest.ImportOptions;
import dev.goodhart.ingest.ImportSummary;
import dev.goodhart.ingest.ImportTarget;
import dev.goodhart.ingest.LogDiscovery;
import dev.goodhart.ingest.Machine;
import dev.goodhart.ingest.SourceRegistry;
import dev.goodhart.ingest.UsageImporter;
import dev.goodhart.model.FileCheckpoint;
import dev.goodhart.model.ImportTransaction;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.UsageEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Times the phases of a cold import on a folder of logs, each on its own: discovery, parsing into a
 * target that keeps nothing, and the whole import into a fresh DuckDB store. Tells where the time
 * of {@code bench/usage-vs-ccusage}'s cold run goes.
 *
 * <p>Run: {@code java -cp goodhart-bench/target/goodhart-bench.jar dev.goodhart.bench.ImportPhases
 * HOME [ROUNDS]}
 */
public final class ImportPhases {
  private ImportPhases() {}

  public static void main(String[] args) {
    Path home = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Environment environment =
        new Environment(
            Map.of(
                "HOME", home.toString(),
                "CLAUDE_CONFIG_DIR", home.resolve(".claude").toString(),
                "CODEX_HOME", home.resolve(".codex").toString()),
            home);
    SourceRegistry sources = SourceRegistry.load();
    for (int round = 0; round < rounds; round++) {
      long start = System.nanoTime();
      LogDiscovery.Result found =
          LogDiscovery.onThisMachine(List.copyOf(sources.all()), environment);
      long discovered = System.nanoTime();
      NoStore target = new NoStore();
      ImportSummary summary =
          new UsageImporter(target, ImportOptions.defaults(), ImportListener.SILENT)
              .run(found, Machine.named("bench"));
      long parsed = System.nanoTime();
      System.out.printf(
          "round %d: discovery %.0f ms (%d files), parse %.0f ms (%d MiB, %d events, %.0f MiB/s)%n",
          round,
          (discovered - start) / 1e6,
          found.logs().size(),
          (parsed - discovered) / 1e6,
          summary.bytesRead() >> 20,
          target.events.get(),
          summary.bytesRead() / 1048576.0 / ((parsed - discovered) / 1e9));
    }
  }

  /** Keeps nothing: measures reading and parsing alone. */
  private static final class NoStore implements ImportTarget {
    final AtomicLong events = new AtomicLong();

    @Override
    public Map<String, FileCheckpoint> checkpoints(String machineId) {
      return Map.of();
    }

    @Override
    public ImportTransaction begin() {
      return new ImportTransaction() {
        private long added;

        @Override
        public void add(List<UsageEvent> batch) {
          added += batch.size();
          events.addAndGet(batch.size());
        }

        @Override
        public void addSignals(List<SessionSignal> signals) {}

        @Override
        public void advance(FileCheckpoint checkpoint) {}

        @Override
        public long events() {
          return added;
        }

        @Override
        public int checkpoints() {
          return 0;
        }

        @Override
        public void commit() {}

        @Override
        public void close() {}
      };
    }
  }
}
