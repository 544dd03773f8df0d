package dev.goodhart.metrics.usage;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a usage report covers.
 *
 * @param zone the time zone whose days, weeks and months the report uses
 * @param since the first day included, in {@code zone}
 * @param until the last day included, in {@code zone}
 * @param last only the most recent N periods (1 = today, this week, this month; for sessions and
 *     blocks the N most recent ones); null for all
 * @param sources agents to include; empty for all
 * @param project a project name, working directory or its last folder name
 */
public record UsageQuery(
    UsageReportKind kind,
    ZoneId zone,
    @Nullable LocalDate since,
    @Nullable LocalDate until,
    @Nullable Integer last,
    List<String> sources,
    @Nullable String project,
    boolean descending,
    CostMode mode) {

  public UsageQuery {
    requireNonNull(kind, "kind is null");
    requireNonNull(zone, "zone is null");
    sources = List.copyOf(requireNonNull(sources, "sources is null"));
    requireNonNull(mode, "mode is null");
    if (last != null && last < 1) {
      throw new IllegalArgumentException("last must be at least 1: " + last);
    }
    if (since != null && until != null && since.isAfter(until)) {
      throw new IllegalArgumentException("since " + since + " is after until " + until);
    }
  }

  public static UsageQuery of(UsageReportKind kind, ZoneId zone) {
    return new UsageQuery(kind, zone, null, null, null, List.of(), null, false, CostMode.AUTO);
  }
}
