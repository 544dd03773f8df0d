package dev.goodhart.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts bad records from every reader thread, keeps the first few for the summary and tells the
 * listener.
 */
final class BadRecordCounter {
  private static final int EXAMPLES = 20;

  private final ImportListener listener;
  private final AtomicLong count = new AtomicLong();
  private final List<BadRecord> examples = new ArrayList<>();

  BadRecordCounter(ImportListener listener) {
    this.listener = listener;
  }

  void add(BadRecord record) {
    count.incrementAndGet();
    synchronized (examples) {
      if (examples.size() < EXAMPLES) {
        examples.add(record);
      }
    }
    listener.badRecord(record);
  }

  long count() {
    return count.get();
  }

  List<BadRecord> examples() {
    synchronized (examples) {
      return List.copyOf(examples);
    }
  }
}
