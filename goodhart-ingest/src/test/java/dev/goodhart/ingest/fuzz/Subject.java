package dev.goodhart.ingest.fuzz;

import static java.util.Objects.requireNonNull;

import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.UsageEvent;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/** A parser as the fuzz test drives it: fed one input the way goodhart feeds it in use. */
interface Subject {
  /**
   * Reads {@code input}. The documented exception comes back as a rejection; anything else the
   * parser throws goes through, as does a failed check of the subject's own invariants.
   *
   * @param random for choices around the input (what comes before it, where it sits in a buffer)
   */
  Outcome read(byte[] input, Random random);

  /**
   * What one input gave.
   *
   * @param events every event emitted while reading the input, including around it
   * @param signals every session signal emitted likewise
   * @param rejection the documented exception's message when the input was refused, else null
   */
  record Outcome(List<UsageEvent> events, List<SessionSignal> signals, @Nullable String rejection) {
    public Outcome {
      events = List.copyOf(requireNonNull(events, "events is null"));
      signals = List.copyOf(requireNonNull(signals, "signals is null"));
    }

    static Outcome accepted(List<UsageEvent> events, List<SessionSignal> signals) {
      return new Outcome(events, signals, null);
    }

    /** What a parser emitted before it refused the input still reached the importer. */
    static Outcome rejected(
        List<UsageEvent> emitted, List<SessionSignal> signalled, String reason) {
      return new Outcome(emitted, signalled, reason);
    }

    boolean isRejected() {
      return rejection != null;
    }
  }
}
