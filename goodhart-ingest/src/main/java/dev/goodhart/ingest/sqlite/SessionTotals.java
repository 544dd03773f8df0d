package dev.goodhart.ingest.sqlite;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.DatabaseRows;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A database row that holds a whole session's tokens rather than one request's (Goose's and Hermes
 * Agent's {@code sessions} tables) becomes one event keyed by the session ({@code s:<id>}), dated
 * when the session began. A session with no tokens yet made no request and is no event; one with
 * tokens needs its id and its start, or it is a bad record.
 *
 * @param startedColumn the column the start came from, named when it is missing
 * @param cost the cost the agent recorded, when it recorded one above zero
 */
public record SessionTotals(
    @Nullable String id,
    @Nullable Instant started,
    String startedColumn,
    @Nullable String workingDir,
    @Nullable String branch,
    @Nullable String provider,
    @Nullable String model,
    TokenCounts tokens,
    @Nullable BigDecimal cost) {

  /** The event of this session as read from {@code file}; empty when it has no tokens yet. */
  public Optional<UsageEvent> toEvent(LogFile file) throws BadRecordException {
    if (tokens.total() == 0) {
      return Optional.empty();
    }
    if (id == null || id.isBlank()) {
      throw new BadRecordException("a session with tokens has no 'id'");
    }
    if (started == null) {
      throw new BadRecordException("a session with tokens has no '" + startedColumn + "'");
    }
    return Optional.of(
        new UsageEvent(
            file.source(),
            "s:" + id,
            null,
            false,
            started,
            id,
            workingDir,
            workingDir,
            branch,
            file.machineId(),
            DatabaseRows.trimmed(provider),
            model != null && !model.isBlank() ? model.trim() : "unknown",
            false,
            tokens,
            cost != null && cost.signum() > 0 ? cost : null));
  }
}
