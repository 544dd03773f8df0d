package dev.goodhart.metrics.survival;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Laws any Kaplan–Meier curve obeys, checked on random data; each seed is one reproducible case.
 */
class KaplanMeierPropertyTest {
  static LongStream seeds() {
    return LongStream.rangeClosed(1, 200);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void survivalStaysInZeroToOneAndNeverRises(long seed) {
    Random random = new Random(seed);
    SurvivalCurve curve = KaplanMeierEstimator.estimate(randomObservations(random));

    double previous = 1.0;
    for (SurvivalPoint point : curve.points()) {
      assertTrue(point.survival() >= 0 && point.survival() <= 1, () -> "seed " + seed);
      assertTrue(point.survival() <= previous, () -> "seed " + seed + " rose at " + point);
      previous = point.survival();
    }
    for (int probe = 0; probe < 50; probe++) {
      double earlier = random.nextDouble() * 120 - 10;
      double later = earlier + random.nextDouble() * 50;
      assertTrue(curve.survivalAt(later) <= curve.survivalAt(earlier), () -> "seed " + seed);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void withoutCensoringTheCurveIsTheShareOfLinesNotYetDead(long seed) {
    Random random = new Random(seed);
    List<long[]> deathsByDay = randomDeaths(random);
    SurvivalObservations observations = SurvivalObservations.create();
    deathsByDay.forEach(deaths -> observations.add(deaths[0], deaths[1], 0));
    long lines = observations.totalLines();

    SurvivalCurve curve = KaplanMeierEstimator.estimate(observations);

    // The product Π (n − d)/n telescopes to (N − deaths so far)/N, the empirical survival.
    long deadSoFar = 0;
    for (long[] deaths : deathsByDay) {
      deadSoFar += deaths[1];
      double empirical = 1 - (double) deadSoFar / lines;
      double survival = curve.survivalAt(deaths[0]);
      assertEquals(empirical, survival, 1e-12, "seed " + seed + " at day " + deaths[0]);
      // And Greenwood's variance reduces to the binomial one, S (1 − S) / N.
      double binomial = Math.sqrt(empirical * (1 - empirical) / lines);
      assertEquals(binomial, curve.standardErrorAt(deaths[0]), 1e-12, "seed " + seed);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void theLinesAtRiskAreThoseObservedAtLeastThatLong(long seed) {
    Random random = new Random(seed);
    SurvivalObservations observations = randomObservations(random);
    SurvivalCurve curve = KaplanMeierEstimator.estimate(observations);

    assertEquals(observations.totalLines(), curve.totalLines());
    assertEquals(curve.totalLines(), curve.totalDeaths() + curve.totalCensored());
    for (SurvivalPoint point : curve.points()) {
      long observedThatLong =
          curve.points().stream()
              .filter(other -> other.timeDays() >= point.timeDays())
              .mapToLong(other -> other.deaths() + other.censored())
              .sum();
      assertEquals(observedThatLong, point.atRisk(), () -> "seed " + seed);
    }
  }

  /** Up to 40 durations on a grid of quarter days from 0 to 100, so that some coincide. */
  private static SurvivalObservations randomObservations(Random random) {
    SurvivalObservations observations = SurvivalObservations.create();
    int groups = 1 + random.nextInt(40);
    for (int group = 0; group < groups; group++) {
      double duration = random.nextInt(401) / 4.0;
      long deaths = random.nextInt(4) == 0 ? 0 : random.nextInt(1_000);
      long censored = random.nextInt(4) == 0 ? 0 : random.nextInt(1_000);
      observations.add(duration, deaths, censored);
    }
    return observations;
  }

  /** {day, deaths} pairs on distinct, ascending days. */
  private static List<long[]> randomDeaths(Random random) {
    return LongStream.rangeClosed(0, 100)
        .filter(day -> random.nextInt(3) == 0)
        .mapToObj(day -> new long[] {day, 1 + random.nextInt(10_000)})
        .toList();
  }
}
