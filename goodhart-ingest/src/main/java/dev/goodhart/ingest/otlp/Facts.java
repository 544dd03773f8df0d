package dev.goodhart.ingest.otlp;

import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.UsageEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The facts of one record, kept apart until the record is read whole: a record that turns out bad
 * halfway adds none of them.
 */
final class Facts {
  final List<UsageEvent> events = new ArrayList<>(1);
  final List<SessionSignal> signals = new ArrayList<>(1);

  void add(UsageEvent event) {
    events.add(event);
  }

  void add(SessionSignal signal) {
    signals.add(signal);
  }

  boolean isEmpty() {
    return events.isEmpty() && signals.isEmpty();
  }

  void clear() {
    events.clear();
    signals.clear();
  }
}
