package dev.goodhart.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Events and the checkpoints that cover them: a store commits both or neither, which is what makes
 * an import restartable after {@code kill -9}.
 */
public record ImportBatch(List<UsageEvent> events, List<FileCheckpoint> checkpoints) {
  public ImportBatch {
    events = List.copyOf(requireNonNull(events, "events is null"));
    checkpoints = List.copyOf(requireNonNull(checkpoints, "checkpoints is null"));
  }

  public boolean isEmpty() {
    return events.isEmpty() && checkpoints.isEmpty();
  }
}
