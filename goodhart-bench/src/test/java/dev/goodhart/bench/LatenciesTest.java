package dev.goodhart.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatenciesTest {
  @Test
  void givesNearestRankPercentilesOverEveryThread() {
    Latencies one = new Latencies();
    Latencies two = new Latencies();
    for (int ms = 100; ms >= 1; ms--) { // 1..100 ms, out of order, split over two threads
      (ms % 2 == 0 ? one : two).record(ms * 1_000_000L);
    }

    Latencies all = Latencies.merge(List.of(one, two));

    assertEquals(100, all.size());
    assertEquals(50.0, all.percentileMillis(50));
    assertEquals(90.0, all.percentileMillis(90));
    assertEquals(99.0, all.percentileMillis(99));
    assertEquals(100.0, all.percentileMillis(99.9)); // rank 99.9 rounds up to the 100th
    assertEquals(100.0, all.maxMillis());
  }

  @Test
  void aSingleSlowRequestIsTheMaximumAndNotTheMedian() {
    Latencies part = new Latencies();
    for (int i = 0; i < 1_999; i++) {
      part.record(2_000_000);
    }
    part.record(900_000_000);

    Latencies all = Latencies.merge(List.of(part));

    assertEquals(2.0, all.percentileMillis(99));
    assertEquals(900.0, all.maxMillis());
  }

  @Test
  void nothingRecordedIsZero() {
    Latencies none = Latencies.merge(List.of());

    assertEquals(0.0, none.percentileMillis(99));
    assertEquals(0.0, none.maxMillis());
  }
}
