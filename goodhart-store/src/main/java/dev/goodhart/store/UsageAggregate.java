package dev.goodhart.store;

import static java.util.Objects.requireNonNull;

import dev.goodhart.model.TokenCounts;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Counted usage summed over one group: a time slot or a session, split by everything that prices
 * tokens differently (model, fast mode, the long-context class of the request, whether the log
 * carried a cost).
 *
 * @param slot the start of the time slot, for slot queries
 * @param sessionId the session, for session queries
 * @param longContext whether the requests' prompts exceeded the long-context threshold
 * @param costReported whether the requests carried a cost in the log; {@code reportedCost} sums it
 * @param requests how many requests were summed
 * @param project for session queries, the session's project
 */
public record UsageAggregate(
    @Nullable Instant slot,
    @Nullable String sessionId,
    String source,
    String machineId,
    String model,
    boolean fast,
    boolean longContext,
    boolean costReported,
    TokenCounts tokens,
    BigDecimal reportedCost,
    long requests,
    Instant first,
    Instant last,
    @Nullable String project,
    @Nullable String cwd,
    @Nullable String gitBranch) {

  public UsageAggregate {
    requireNonNull(source, "source is null");
    requireNonNull(machineId, "machineId is null");
    requireNonNull(model, "model is null");
    requireNonNull(tokens, "tokens is null");
    requireNonNull(reportedCost, "reportedCost is null");
    requireNonNull(first, "first is null");
    requireNonNull(last, "last is null");
  }
}
