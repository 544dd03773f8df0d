package dev.goodhart.metrics.survival;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SurvivalReportTimesTest {
  @Test
  void theDefaultDaysReadTheCurveAtTheReportTimes() {
    // 100 lines: 20 die at day 10 (S = 0.8), 40 at day 45 (of 80: S = 0.8 × 1/2 = 0.4),
    // 40 still alive at day 200.
    SurvivalCurve curve =
        KaplanMeierEstimator.estimate(
            SurvivalObservations.create().add(10, 20, 0).add(45, 40, 0).add(200, 0, 40));

    List<SurvivalSample> samples = SurvivalReportTimes.sample(curve);

    assertEquals(
        List.of(0.0, 7.0, 14.0, 30.0, 60.0, 90.0, 180.0, 365.0),
        samples.stream().map(SurvivalSample::timeDays).toList());
    assertEquals(
        List.of(1.0, 1.0, 0.8, 0.8, 0.4, 0.4, 0.4, 0.4),
        samples.stream().map(SurvivalSample::survival).toList());
    // Observed at least that long: all 100 until day 10, then 80 until day 45, then the 40 alive
    // until day 200, and none for a year.
    assertEquals(
        List.of(100L, 100L, 80L, 80L, 40L, 40L, 40L, 0L),
        samples.stream().map(SurvivalSample::atRisk).toList());
    // Greenwood at day 14: 0.8 × sqrt(20 / (100 × 80)) = 0.8 × 0.05 = 0.04, which is sqrt(0.8 × 0.2
    // /
    // 100), as it must be without censoring.
    assertEquals(0.04, samples.get(2).standardError(), 1e-12);
    assertEquals(0.0, samples.get(0).standardError());
  }

  @Test
  void chosenDaysAreReadInTheOrderGiven() {
    SurvivalCurve curve = KaplanMeierEstimator.estimate(SurvivalObservations.create().add(3, 1, 1));

    List<SurvivalSample> samples = SurvivalReportTimes.sample(curve, List.of(5.0, 0.0));

    assertEquals(
        List.of(
            new SurvivalSample(5, 0.5, 0.5 * Math.sqrt(0.5), 0), new SurvivalSample(0, 1, 0, 2)),
        samples);
  }

  @Test
  void aNegativeOrEndlessDayIsRejected() {
    SurvivalCurve curve = KaplanMeierEstimator.estimate(SurvivalObservations.create());

    assertThrows(
        IllegalArgumentException.class, () -> SurvivalReportTimes.sample(curve, List.of(-1.0)));
    assertThrows(
        IllegalArgumentException.class,
        () -> SurvivalReportTimes.sample(curve, List.of(Double.POSITIVE_INFINITY)));
  }
}
