package dev.goodhart.ingest;

import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.UsageEvent;

/** Receives the events a parser reads, and the signals of what the session did. */
@FunctionalInterface
public interface RecordSink {
  void accept(UsageEvent event);

  /** A commit, edit or prompt the log shows; ignored by sinks that only count usage. */
  default void signal(SessionSignal signal) {}
}
