package dev.goodhart.metrics.usage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * A usage report: its rows, their totals, and what could not be priced.
 *
 * @param prices where the prices came from
 * @param unpriced models whose requests carry no dollars, with their tokens: never silently $0
 */
public record UsageReport(
    UsageReportKind kind,
    ZoneId zone,
    CostMode mode,
    String prices,
    List<UsageRow> rows,
    UsageRow totals,
    List<UnpricedModel> unpriced,
    Instant generatedAt) {

  public UsageReport {
    requireNonNull(kind, "kind is null");
    requireNonNull(zone, "zone is null");
    requireNonNull(mode, "mode is null");
    requireNonNull(prices, "prices is null");
    rows = List.copyOf(rows);
    requireNonNull(totals, "totals is null");
    unpriced = List.copyOf(unpriced);
    requireNonNull(generatedAt, "generatedAt is null");
  }

  /** A model that could not be priced: in display mode, a model whose log carries no cost. */
  public record UnpricedModel(String model, long requests, long tokens) {}
}
