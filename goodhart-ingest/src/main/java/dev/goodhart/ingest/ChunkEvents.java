package dev.goodhart.ingest;

import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.UsageEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of the chunk being read. Copies of one request written on consecutive lines (Claude
 * Code writes one line per content block) are merged here already, keeping the copy with the most
 * tokens as the store would; that halves what reaches the store.
 */
final class ChunkEvents implements RecordSink {
  private List<UsageEvent> events = new ArrayList<>();
  private List<SessionSignal> signals = new ArrayList<>();

  @Override
  public void signal(SessionSignal signal) {
    signals.add(signal);
  }

  @Override
  public void accept(UsageEvent event) {
    int last = events.size() - 1;
    if (last >= 0 && events.get(last).eventKey().equals(event.eventKey())) {
      if (event.tokens().total() > events.get(last).tokens().total()) {
        events.set(last, event);
      }
      return;
    }
    events.add(event);
  }

  int size() {
    return events.size();
  }

  List<SessionSignal> takeSignals() {
    List<SessionSignal> taken = signals;
    signals = new ArrayList<>();
    return taken;
  }

  List<UsageEvent> take() {
    List<UsageEvent> taken = events;
    events = new ArrayList<>();
    return taken;
  }
}
