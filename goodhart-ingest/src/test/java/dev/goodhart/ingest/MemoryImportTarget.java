package dev.goodhart.ingest;

import dev.goodhart.model.FileCheckpoint;
import dev.goodhart.model.ImportTransaction;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.UsageEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps what an import stores in memory, by the keys the store uses: one event per source and key
 * (the copy with more tokens), one signal per source and key, one checkpoint per file. The store's
 * own behaviour is held by its conformance suite; the CLI's tests import into DuckDB.
 */
public final class MemoryImportTarget implements ImportTarget {
  final Map<String, UsageEvent> events = new LinkedHashMap<>();
  final Map<String, SessionSignal> signals = new LinkedHashMap<>();
  final Map<String, FileCheckpoint> checkpoints = new HashMap<>();

  @Override
  public Map<String, FileCheckpoint> checkpoints(String machineId) {
    Map<String, FileCheckpoint> ofMachine = new HashMap<>();
    checkpoints.values().stream()
        .filter(c -> c.machineId().equals(machineId))
        .forEach(c -> ofMachine.put(c.path(), c));
    return ofMachine;
  }

  @Override
  public ImportTransaction begin() {
    return new ImportTransaction() {
      final List<UsageEvent> added = new ArrayList<>();
      final List<SessionSignal> signalled = new ArrayList<>();
      final Map<String, FileCheckpoint> advanced = new LinkedHashMap<>();

      @Override
      public void add(List<UsageEvent> batch) {
        added.addAll(batch);
      }

      @Override
      public void addSignals(List<SessionSignal> batch) {
        signalled.addAll(batch);
      }

      @Override
      public void advance(FileCheckpoint checkpoint) {
        advanced.put(checkpoint.machineId() + " " + checkpoint.path(), checkpoint);
      }

      @Override
      public long events() {
        return added.size();
      }

      @Override
      public int checkpoints() {
        return advanced.size();
      }

      @Override
      public void commit() {
        for (UsageEvent event : added) {
          events.merge(
              event.source() + " " + event.eventKey(),
              event,
              (old, copy) -> copy.tokens().total() > old.tokens().total() ? copy : old);
        }
        for (SessionSignal signal : signalled) {
          signals.putIfAbsent(signal.source() + " " + signal.signalKey(), signal);
        }
        checkpoints.putAll(advanced);
      }

      @Override
      public void close() {}
    };
  }
}
