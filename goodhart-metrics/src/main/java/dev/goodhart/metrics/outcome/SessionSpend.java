package dev.goodhart.metrics.outcome;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;

/**
 * What one agent session consumed, from its counted requests.
 *
 * @param cost dollars, requests no price table knows counting nothing (see {@code unpriced})
 * @param costByDay the cost split over the UTC days its requests fell on
 * @param contextTokens prompt-side tokens of all requests (input, cache reads and writes): how much
 *     context the session carried
 * @param outputTokens what the model wrote back (reasoning included)
 * @param unpriced requests whose cost is unknown
 * @param costByModel its cost split by the model as logged
 * @param cwd the working directory its requests named last
 * @param estimated whether the spend is the agent's own cost metric, the session having sent
 *     metrics but no request events (a team that exports only metrics); its requests, tokens by
 *     kind and working directory are then unknown
 */
public record SessionSpend(
    String source,
    String sessionId,
    String machineId,
    Instant start,
    Instant end,
    BigDecimal cost,
    SortedMap<LocalDate, BigDecimal> costByDay,
    long tokens,
    long contextTokens,
    long outputTokens,
    long apiCalls,
    long unpriced,
    SortedMap<String, BigDecimal> costByModel,
    SortedMap<String, Long> tokensByModel,
    @Nullable String cwd,
    @Nullable String branch,
    boolean estimated) {

  public List<String> models() {
    return List.copyOf(tokensByModel.keySet());
  }

  /** A session is one source's session id: two tools may reuse an id format, never a session. */
  public String key() {
    return key(source, sessionId);
  }

  static String key(String source, String sessionId) {
    return source + '\u0000' + sessionId;
  }
}
