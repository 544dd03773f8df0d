package dev.goodhart.server;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * How long a request waits for figures with the latest facts, and how it says it answered with the
 * last ones computed instead.
 *
 * @param waitLimit what is left of the request's fresh wait; null: it waits as long as they take
 * @param stale told when the figures answered were computed, when they are not the latest
 */
record Freshness(@Nullable Duration waitLimit, Consumer<Instant> stale) {
  /** Waits for the latest figures, whatever they take. */
  static final Freshness LATEST = new Freshness(null, computed -> {});
}
