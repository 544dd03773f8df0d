package dev.goodhart.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PacingTest {
  @Test
  void spacesBatchesEvenlyAtTheRate() {
    Pacing pacing = new Pacing(10_000, 500, Long.MAX_VALUE);

    assertEquals(0, pacing.offsetNanos(0));
    assertEquals(50_000_000, pacing.offsetNanos(1)); // 500 events at 10,000/s: every 50 ms
    assertEquals(1_000_000_000, pacing.offsetNanos(20));
    assertEquals(Long.MAX_VALUE, pacing.requests(), "only a duration bounds it");
  }

  @Test
  void keepsTheScheduleExactWhenTheRateDoesNotDivideASecond() {
    Pacing pacing = new Pacing(3, 1, Long.MAX_VALUE);

    assertEquals(333_333_333, pacing.offsetNanos(1));
    assertEquals(666_666_666, pacing.offsetNanos(2));
    assertEquals(1_000_000_000, pacing.offsetNanos(3)); // no drift from rounding each interval
    assertEquals(1_000_333_333_333L, pacing.offsetNanos(3_001));
  }

  @Test
  void staysInRangeForLongRuns() {
    // A billion batches of 2,000 at 1,000/s: 2e12 events due after 2e9 s, 2e18 ns, near long's end.
    Pacing pacing = new Pacing(1_000, 2_000, Long.MAX_VALUE);

    assertEquals(2_000_000_000L * 1_000_000_000L, pacing.offsetNanos(1_000_000_000L));
  }

  @Test
  void theLastRequestCarriesWhatIsLeftOfTheCount() {
    Pacing pacing = new Pacing(0, 500, 1_234);

    assertEquals(3, pacing.requests());
    assertEquals(500, pacing.eventsIn(0));
    assertEquals(1_000, pacing.firstEvent(2));
    assertEquals(234, pacing.eventsIn(2));
    assertEquals(2, new Pacing(0, 500, 1_000).requests(), "an exact multiple: no empty request");
  }

  @Test
  void unpacedRequestsAreDueAtOnce() {
    Pacing pacing = new Pacing(0, 500, 10_000);

    assertFalse(pacing.paced());
    assertEquals(0, pacing.offsetNanos(19));
  }

  @Test
  void refusesANegativeRateOrAnEmptyBatch() {
    assertThrows(IllegalArgumentException.class, () -> new Pacing(-1, 500, 1));
    assertThrows(IllegalArgumentException.class, () -> new Pacing(10, 0, 1));
  }
}
