package dev.goodhart.model;

import java.util.List;

/**
 * Events and the checkpoints that cover them, added a chunk at a time and stored together on {@link
 * #commit()}, or not at all: what makes an import restartable after {@code kill -9}. An
 * implementation keeps what is added out of the heap where it can, so that a transaction of a
 * million events costs no more memory than one of a thousand.
 */
public interface ImportTransaction extends AutoCloseable {
  void add(List<UsageEvent> events);

  /** What the sessions did (commits, edits, prompts), stored with the events. */
  void addSignals(List<SessionSignal> signals);

  /** Moves a file's checkpoint forward; the last one added for a file is the one stored. */
  void advance(FileCheckpoint checkpoint);

  /** Events added so far. */
  long events();

  /** Files whose checkpoints were advanced so far. */
  int checkpoints();

  /**
   * Bytes staged so far, outside the heap: the store's work at commit grows with them, whatever the
   * number of events (an agent's edits carry a hash per line they wrote).
   */
  default long stagedBytes() {
    return 0;
  }

  /** Stores everything added, in one transaction. The transaction cannot be used after. */
  void commit();

  /** Drops what was added and not committed. */
  @Override
  void close();
}
