package dev.goodhart.store;

import dev.goodhart.model.TokenCounts;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One counted request, as the billing-block report and the outcome report walk them in time order.
 */
public record CountedEvent(
    String source,
    String machineId,
    Instant timestamp,
    String model,
    boolean fast,
    boolean longContext,
    TokenCounts tokens,
    @Nullable BigDecimal reportedCost,
    String sessionId,
    @Nullable String cwd,
    @Nullable String gitBranch) {}
