package dev.goodhart.ingest;

import dev.goodhart.model.UsageEvent;

/** Receives the events a parser reads. */
@FunctionalInterface
public interface RecordSink {
  void accept(UsageEvent event);
}
