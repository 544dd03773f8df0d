package dev.goodhart.metrics.outcome;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.metrics.usage.CostMode;
import dev.goodhart.metrics.usage.Pricer;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import dev.goodhart.model.pricing.PriceTable;
import dev.goodhart.store.UsageFilter;
import dev.goodhart.store.duckdb.DuckDbStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A period too large for the heap is refused before its linking starts, with the setting to raise;
 * the sizes measured to fit (a 10M-event organisation on the default heap) are not.
 */
class HeapBudgetTest {
  private static final long DEFAULT_HEAP = 247L << 20; // what a 256 MiB serial heap reports

  @TempDir Path folder;

  @Test
  void aTenMillionEventOrganisationFitsTheDefaultHeap() {
    assertDoesNotThrow(() -> HeapBudget.check(106_629, 74_570, DEFAULT_HEAP));
  }

  @Test
  void aHundredMillionEventOrganisationIsRefusedWithTheHeapToStartWith() {
    GoodhartException refused =
        assertThrows(
            GoodhartException.class, () -> HeapBudget.check(929_762, 651_226, DEFAULT_HEAP));
    assertEquals(ErrorCode.OUT_OF_RESOURCES, refused.code());
    String message = refused.getMessage();
    assertTrue(message.contains("929,762 sessions"), message);
    assertTrue(message.contains("651,226 commits"), message);
    assertTrue(message.contains("GOODHART_JAVA_OPTS=-Xmx2g"), message);
    // The heap it suggests takes the linking within the share it may use.
    assertDoesNotThrow(() -> HeapBudget.check(929_762, 651_226, 2L << 30));
  }

  @Test
  void theLedgerChecksBeforeLinkingWithTheStoresCounts() {
    try (DuckDbStore store = DuckDbStore.open(folder, DuckDbStore.Settings.defaults())) {
      List<UsageEvent> events = new ArrayList<>();
      Instant at = Instant.parse("2026-11-02T09:00:00Z");
      for (int session = 0; session < 40; session++) {
        events.add(
            new UsageEvent(
                "claude",
                "otel:" + session,
                null,
                false,
                at.plusSeconds(60L * session),
                "s-" + session,
                null,
                null,
                null,
                "person:p" + session,
                "anthropic",
                "claude-sonnet-4-5",
                false,
                TokenCounts.of(100, 10, 0, 0),
                (BigDecimal) null));
      }
      store.appendTelemetry(events, List.of());
      assertEquals(40, store.usageSessionCount(UsageFilter.ALL));
      long tooSmall = HeapBudget.estimate(40, 0) - 1;
      GoodhartException refused =
          assertThrows(GoodhartException.class, () -> HeapBudget.check(40, 0, tooSmall));
      assertTrue(refused.getMessage().contains("40 sessions"), refused.getMessage());
      OutcomeLedger ledger =
          new OutcomeLedger(
              store,
              new Pricer(PriceTable.of("none", Map.of()), CostMode.DISPLAY),
              machine -> null,
              Clock.fixed(at.plusSeconds(86_400), ZoneOffset.UTC));
      assertEquals(40, ledger.report(new OutcomeQuery(null, null, 5)).totals().sessions());
    }
  }
}
