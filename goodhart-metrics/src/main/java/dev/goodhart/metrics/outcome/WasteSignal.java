package dev.goodhart.metrics.outcome;

import java.util.Locale;

/** Spend that shows signs of producing nothing, with what shows it. */
public record WasteSignal(Kind kind, String evidence) {
  /** The kinds of waste DESIGN.md defines. */
  public enum Kind {
    /** Spend and no linked commit. */
    DISCARDED,
    /** The same prompt sent again and again. */
    LOOP,
    /** A large context carried over many requests for little output. */
    CONTEXT_BLOAT,
    /** A long run without a person's prompt that produced nothing. */
    UNATTENDED,
    /** Overlapping sessions on one repository and branch, only another of which shipped. */
    PARALLEL;

    /** The name in JSON and on screen: {@code context-bloat}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }
}
