package dev.goodhart.cli.statusline;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One copy of an API request read from a transcript, priced when it was read.
 *
 * @param key the transcript parser's event key: copies with one key are one request
 * @param group the de-duplication group ({@code message.id}), null for a line without one
 * @param tokens all its tokens: of two copies with one key, the one with more is kept
 * @param cost its dollars, null when no price table prices its model
 */
record Request(
    String key,
    @Nullable String group,
    boolean sidechain,
    Instant at,
    String session,
    long tokens,
    @Nullable BigDecimal cost) {
  Request {
    requireNonNull(key, "key is null");
    requireNonNull(at, "at is null");
    requireNonNull(session, "session is null");
  }
}
