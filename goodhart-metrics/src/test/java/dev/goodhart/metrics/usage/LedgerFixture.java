package dev.goodhart.metrics.usage;

import dev.goodhart.model.ImportBatch;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import dev.goodhart.model.pricing.ModelPrice;
import dev.goodhart.model.pricing.PriceTable;
import dev.goodhart.store.duckdb.DuckDbStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real DuckDB store in a temp folder, events written the way an import writes them, and a small
 * price table.
 */
final class LedgerFixture implements AutoCloseable {
  static final PriceTable PRICES =
      PriceTable.of(
          "test prices",
          Map.of(
              "claude-sonnet-4-5",
              new ModelPrice(
                  "claude-sonnet-4-5",
                  new ModelPrice.PublishedRates(
                      d("0.000003"), d("0.000015"), d("0.0000003"), d("0.00000375")),
                  new ModelPrice.PublishedRates(
                      d("0.000006"), d("0.0000225"), d("0.0000006"), d("0.0000075")),
                  null),
              "gpt-5-codex",
              new ModelPrice(
                  "gpt-5-codex",
                  new ModelPrice.PublishedRates(
                      d("0.00000125"), d("0.00001"), d("0.000000125"), null),
                  null,
                  null)));

  final DuckDbStore store;
  final List<UsageEvent> events = new ArrayList<>();
  private int next;

  LedgerFixture(Path folder) {
    store = DuckDbStore.open(folder, new DuckDbStore.Settings("128MB", 2));
  }

  UsageEvent add(String source, Instant at, String session, String model, TokenCounts tokens) {
    UsageEvent event =
        new UsageEvent(
            source,
            "k" + next++,
            null,
            false,
            at,
            session,
            "proj",
            "/w/proj",
            "main",
            "m1",
            null,
            model,
            false,
            tokens,
            null);
    events.add(event);
    return event;
  }

  void commit() {
    store.commit(new ImportBatch(events, List.of()));
  }

  UsageReport report(UsageQuery query, Clock clock) {
    return new UsageLedger(store, new Pricer(PRICES, query.mode()), clock).report(query);
  }

  @Override
  public void close() {
    store.close();
  }

  static BigDecimal d(String value) {
    return new BigDecimal(value);
  }
}
