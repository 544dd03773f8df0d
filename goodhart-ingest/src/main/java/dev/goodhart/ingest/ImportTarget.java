package dev.goodhart.ingest;

import dev.goodhart.model.FileCheckpoint;
import dev.goodhart.model.ImportTransaction;
import java.util.Map;

/** Where an import keeps what it read: implemented over the store by the composition root. */
public interface ImportTarget {
  /** The checkpoints of every file already read from one machine's logs, by absolute path. */
  Map<String, FileCheckpoint> checkpoints(String machineId);

  /** Begins a transaction that events and checkpoints are added to and committed together. */
  ImportTransaction begin();
}
