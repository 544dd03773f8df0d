package dev.goodhart.model;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One model request as an agent log recorded it: the {@code usage_event} fact.
 *
 * @param source the registered name of the source that read it ({@code claude}, {@code codex}, ...)
 * @param eventKey the source's de-duplication key; two events with the same source and key are one
 *     request, and the store keeps the copy with more tokens
 * @param dedupGroup events of one group may be copies of one request under different keys (Claude
 *     Code's sidechain replays share {@code message.id}); null when the event can only be a copy
 *     under its own key
 * @param sidechain whether the copy was written by a sub-agent's sidechain; inside a group the
 *     non-sidechain copies win
 * @param sessionId the agent session the request belongs to
 * @param project what the user knows the work as: the Claude Code project folder, else the working
 *     directory
 * @param machineId a stable hash of the machine whose logs held the request
 * @param model the model name as logged (not normalised: reports show what the log says)
 * @param fast whether the request ran in fast mode, which has its own price multiplier
 * @param reportedCostUsd the cost the log itself carries, if any (display mode shows it)
 */
public record UsageEvent(
    String source,
    String eventKey,
    @Nullable String dedupGroup,
    boolean sidechain,
    Instant timestamp,
    String sessionId,
    @Nullable String project,
    @Nullable String cwd,
    @Nullable String gitBranch,
    String machineId,
    @Nullable String provider,
    String model,
    boolean fast,
    TokenCounts tokens,
    @Nullable BigDecimal reportedCostUsd) {

  public UsageEvent {
    requireNonNull(source, "source is null");
    requireNonNull(eventKey, "eventKey is null");
    requireNonNull(timestamp, "timestamp is null");
    requireNonNull(sessionId, "sessionId is null");
    requireNonNull(machineId, "machineId is null");
    requireNonNull(model, "model is null");
    requireNonNull(tokens, "tokens is null");
    if (reportedCostUsd != null && reportedCostUsd.signum() < 0) {
      throw new IllegalArgumentException(
          "reportedCostUsd must not be negative: " + reportedCostUsd);
    }
  }
}
