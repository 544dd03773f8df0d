package dev.goodhart.metrics.outcome;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;

/**
 * What one agent session consumed, from its counted requests.
 *
 * @param cost dollars, requests no price table knows counting nothing (see {@code unpriced})
 * @param costByDay the cost split over the UTC days its requests fell on, in day order (like {@code
 *     costByModel} and {@code tokensByModel}: a map of one entry when there is one, since most
 *     sessions have one day and one model and a large report holds hundreds of thousands)
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
    Map<LocalDate, BigDecimal> costByDay,
    long tokens,
    long contextTokens,
    long outputTokens,
    long apiCalls,
    long unpriced,
    Map<String, BigDecimal> costByModel,
    Map<String, Long> tokensByModel,
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

  /**
   * A sorted map as a session keeps it: one entry as a map of one (a tenth of a tree's size), the
   * value {@code same} when it equals it (a session's one day costs what the session does).
   */
  static <K, V> Map<K, V> compact(SortedMap<K, V> map, V same) {
    if (map.size() != 1) {
      return map;
    }
    Map.Entry<K, V> only = map.entrySet().iterator().next();
    return Map.of(only.getKey(), only.getValue().equals(same) ? same : only.getValue());
  }

  static String key(String source, String sessionId) {
    return source + '\u0000' + sessionId;
  }
}
