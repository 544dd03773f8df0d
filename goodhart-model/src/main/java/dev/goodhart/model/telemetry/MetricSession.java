package dev.goodhart.model.telemetry;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A session known only from its metrics: its agent exported metrics but no log events, so no
 * request of it is stored. Its spend is the agent's own cost metric, an estimate (the agents
 * compute it client-side, and a metric export can be sampled or lost).
 *
 * @param personId the person's pseudonym, when the points named one
 * @param costUsd the sum of its cost metric's increments ({@code claude_code.cost.usage}); zero
 *     when the agent exports no cost
 * @param tokens the sum of its token metrics' increments
 * @param model the model with the most tokens or cost, when the points named one
 */
public record MetricSession(
    String source,
    String sessionId,
    @Nullable String personId,
    Instant start,
    Instant end,
    BigDecimal costUsd,
    long tokens,
    long points,
    @Nullable String model) {
  public MetricSession {
    requireNonNull(source, "source is null");
    requireNonNull(sessionId, "sessionId is null");
    requireNonNull(start, "start is null");
    requireNonNull(end, "end is null");
    requireNonNull(costUsd, "costUsd is null");
  }
}
