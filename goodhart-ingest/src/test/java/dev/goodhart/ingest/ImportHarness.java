package dev.goodhart.ingest;

import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.UsageEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Runs the real discovery and importer over folders a test made, into a {@link MemoryImportTarget}
 * that lives as long as the harness, so a second {@link #run} is an incremental import.
 */
public final class ImportHarness {
  private final List<UsageSource> sources;
  private final Environment environment;
  private final MemoryImportTarget target = new MemoryImportTarget();
  private final Machine machine = new Machine("machine-1", "test-machine");
  private boolean strict;

  public ImportHarness(Path home, Map<String, String> variables, UsageSource... sources) {
    this.sources = List.of(sources);
    this.environment = new Environment(variables, home);
  }

  public ImportHarness strict() {
    strict = true;
    return this;
  }

  /** What one import read, and everything stored after it. */
  public record Result(
      ImportSummary summary,
      List<BadRecord> badRecords,
      List<UsageEvent> stored,
      List<SessionSignal> signals) {}

  /** Imports this machine's logs as the sources find them with the harness's environment. */
  public Result run() {
    return run(LogDiscovery.onThisMachine(sources, environment));
  }

  /** Imports the logs of named paths, as {@code goodhart import usage PATH...} does. */
  public Result runOn(List<Path> paths) {
    return run(LogDiscovery.inPaths(sources, paths));
  }

  /** Imports a copy of another machine's folders. */
  public Result runOnCopy(Path copy) {
    return run(LogDiscovery.inCopy(sources, copy));
  }

  private Result run(LogDiscovery.Result discovered) {
    List<BadRecord> bad = new ArrayList<>();
    ImportListener listener =
        new ImportListener() {
          @Override
          public void badRecord(BadRecord record) {
            synchronized (bad) {
              bad.add(record);
            }
          }
        };
    ImportSummary summary =
        new UsageImporter(target, new ImportOptions(strict, 2, 1_000), listener)
            .run(discovered, machine);
    List<UsageEvent> stored = new ArrayList<>(target.events.values());
    stored.sort(Comparator.comparing(UsageEvent::timestamp).thenComparing(UsageEvent::eventKey));
    List<SessionSignal> signals = new ArrayList<>(target.signals.values());
    signals.sort(
        Comparator.comparing(SessionSignal::timestamp).thenComparing(SessionSignal::signalKey));
    bad.sort(Comparator.comparing(BadRecord::message));
    return new Result(summary, List.copyOf(bad), stored, signals);
  }
}
