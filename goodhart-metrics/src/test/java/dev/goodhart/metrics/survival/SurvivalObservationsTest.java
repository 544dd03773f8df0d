package dev.goodhart.metrics.survival;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SurvivalObservationsTest {
  @Test
  void weightedCountsGiveTheSameCurveAsLinesEnteredOneByOne() {
    // 3 durations, 1,000,000 lines in all: as three weighted adds, and one add per line.
    long[][] groups = {{2, 400_000, 100_000}, {9, 150_000, 50_000}, {30, 0, 300_000}};
    SurvivalObservations weighted = SurvivalObservations.create();
    SurvivalObservations oneByOne = SurvivalObservations.create();
    for (long[] group : groups) {
      weighted.add(group[0], group[1], group[2]);
      for (long line = 0; line < group[1]; line++) {
        oneByOne.add(group[0], 1, 0);
      }
      for (long line = 0; line < group[2]; line++) {
        oneByOne.add(group[0], 0, 1);
      }
    }

    SurvivalCurve curve = KaplanMeierEstimator.estimate(weighted);

    assertEquals(curve, KaplanMeierEstimator.estimate(oneByOne));
    assertEquals(1_000_000, curve.totalLines());
    // S(2) = 1 − 400,000/1,000,000 = 0.6; S(9) = 0.6 × (1 − 150,000/500,000) = 0.42.
    assertEquals(0.6, curve.survivalAt(2), 1e-12);
    assertEquals(0.42, curve.survivalAt(9), 1e-12);
  }

  @Test
  void countsBeyondAnIntAreKeptExactly() {
    // 6 billion lines: 3 billion die at day 1, S = 1 − 3e9/6e9 = 0.5.
    SurvivalObservations observations =
        SurvivalObservations.create().add(1, 3_000_000_000L, 0).add(2, 0, 3_000_000_000L);

    SurvivalCurve curve = KaplanMeierEstimator.estimate(observations);

    assertEquals(6_000_000_000L, curve.totalLines());
    assertEquals(0.5, curve.survivalAt(1));
  }

  @Test
  void mergingTwoSetsEqualsAddingEverythingToOne() {
    Random random = new Random(20_260_301);
    SurvivalObservations all = SurvivalObservations.create();
    SurvivalObservations first = SurvivalObservations.create();
    SurvivalObservations second = SurvivalObservations.create();
    for (int index = 0; index < 500; index++) {
      // Durations on a coarse grid, so that both halves share some of them.
      double duration = random.nextInt(100) / 4.0;
      long deaths = random.nextInt(5);
      long censored = random.nextInt(5);
      all.add(duration, deaths, censored);
      (index % 2 == 0 ? first : second).add(duration, deaths, censored);
    }
    long firstLines = first.totalLines();

    SurvivalObservations sum = first.plus(second);

    assertEquals(KaplanMeierEstimator.estimate(all), KaplanMeierEstimator.estimate(sum));
    assertEquals(all.totalLines(), sum.totalLines());
    // plus leaves both operands as they were.
    assertEquals(firstLines, first.totalLines());
    assertEquals(
        KaplanMeierEstimator.estimate(all), KaplanMeierEstimator.estimate(first.addAll(second)));
  }

  @Test
  void addingASetToItselfDoublesIt() {
    SurvivalObservations observations = SurvivalObservations.create().add(1, 1, 0).add(2, 1, 1);

    observations.addAll(observations);

    assertEquals(
        KaplanMeierEstimator.estimate(SurvivalObservations.create().add(1, 2, 0).add(2, 2, 2)),
        KaplanMeierEstimator.estimate(observations));
  }

  @Test
  void negativeZeroIsTheSameDurationAsZero() {
    SurvivalObservations observations =
        SurvivalObservations.create().add(-0.0, 1, 0).add(0.0, 1, 1);

    assertEquals(1, observations.distinctDurations());
    assertEquals(
        List.of(new SurvivalPoint(0.0, 1.0 / 3, 3, 2, 1, 1.0 / 3 * Math.sqrt(2.0 / (3 * 1)))),
        KaplanMeierEstimator.estimate(observations).points());
  }

  @Test
  void nothingObservedAddsNoStep() {
    SurvivalObservations observations = SurvivalObservations.create().add(4, 0, 0);

    assertEquals(0, observations.distinctDurations());
    assertEquals(0, observations.totalLines());
  }

  @Test
  void badArgumentsAreRejectedWithTheOffendingValue() {
    SurvivalObservations observations = SurvivalObservations.create();

    assertMessage("'-1.0'", () -> observations.add(-1, 1, 0));
    assertMessage("'NaN'", () -> observations.add(Double.NaN, 1, 0));
    assertMessage("'Infinity'", () -> observations.add(Double.POSITIVE_INFINITY, 0, 1));
    assertMessage("deaths was '-2'", () -> observations.add(1, -2, 0));
    assertMessage("censored was '-3'", () -> observations.add(1, 0, -3));
    // A rejected add leaves nothing behind.
    assertEquals(0, observations.totalLines());
  }

  @Test
  void aTotalBeyondALongIsAnErrorNotAWrapAround() {
    SurvivalObservations observations = SurvivalObservations.create().add(1, Long.MAX_VALUE, 0);

    assertThrows(ArithmeticException.class, () -> observations.add(2, 0, 1));
    assertEquals(Long.MAX_VALUE, observations.totalLines());
    assertEquals(1, observations.distinctDurations());
  }

  private static void assertMessage(String expected, Runnable call) {
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(
        thrown.getMessage().contains(expected),
        () -> "expected '" + expected + "' in: " + thrown.getMessage());
  }
}
