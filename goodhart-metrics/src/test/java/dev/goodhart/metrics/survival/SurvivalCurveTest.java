package dev.goodhart.metrics.survival;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SurvivalCurveTest {
  // 4 lines: 1 dies at day 2 (S = 3/4), 1 censored at day 5, 1 dies at day 8 (S = 3/4 × 1/2 = 3/8),
  // 1 censored at day 8.
  private final SurvivalCurve curve =
      KaplanMeierEstimator.estimate(
          SurvivalObservations.create().add(2, 1, 0).add(5, 0, 1).add(8, 1, 1));

  @Test
  void theCurveIsAStepFunctionContinuousFromTheRight() {
    assertEquals(1.0, curve.survivalAt(-3));
    assertEquals(1.0, curve.survivalAt(1.999));
    assertEquals(0.75, curve.survivalAt(2));
    assertEquals(0.75, curve.survivalAt(7.5));
    assertEquals(0.375, curve.survivalAt(8));
    assertEquals(0.375, curve.survivalAt(Double.POSITIVE_INFINITY));
  }

  @Test
  void theLinesAtRiskAtATimeAreThoseObservedAtLeastThatLong() {
    assertEquals(4, curve.atRiskAt(0));
    assertEquals(4, curve.atRiskAt(2));
    assertEquals(3, curve.atRiskAt(2.5));
    assertEquals(3, curve.atRiskAt(5));
    assertEquals(2, curve.atRiskAt(6));
    assertEquals(2, curve.atRiskAt(8));
    assertEquals(0, curve.atRiskAt(8.5));
  }

  @Test
  void aTimeThatIsNotANumberIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> curve.survivalAt(Double.NaN));
  }

  @Test
  void thePointsCannotBeChangedFromOutside() {
    List<SurvivalPoint> points = new ArrayList<>(curve.points());
    SurvivalCurve copy = new SurvivalCurve(points);
    points.clear();

    assertEquals(curve, copy);
    assertThrows(UnsupportedOperationException.class, () -> copy.points().clear());
  }

  @Test
  void pointsOutOfOrderOrThatLoseLinesAreRejected() {
    SurvivalPoint first = new SurvivalPoint(1, 0.5, 2, 1, 0, 0.25);
    SurvivalPoint second = new SurvivalPoint(3, 0.0, 1, 1, 0, 0.0);

    new SurvivalCurve(List.of(first, second)); // consistent: 2 lines, both dead
    assertMessage(
        "ascending time",
        () -> new SurvivalCurve(List.of(first, new SurvivalPoint(1, 0.0, 1, 1, 0, 0.0))));
    assertMessage(
        "left after day 1.0",
        () -> new SurvivalCurve(List.of(first, new SurvivalPoint(3, 0.0, 2, 2, 0, 0.0))));
    assertMessage(
        "accounted for", () -> new SurvivalCurve(List.of(new SurvivalPoint(1, 0.5, 2, 1, 0, 0))));
    // Survival falling at a point without deaths, and rising at all.
    assertMessage(
        "only drop",
        () -> new SurvivalCurve(List.of(first, new SurvivalPoint(3, 0.25, 1, 0, 1, 0.25))));
    assertMessage(
        "only drop",
        () -> new SurvivalCurve(List.of(first, new SurvivalPoint(3, 0.75, 1, 1, 0, 0.25))));
    assertMessage(
        "stay at 1", () -> new SurvivalCurve(List.of(new SurvivalPoint(1, 0.5, 1, 0, 1, 0))));
  }

  @Test
  void aPointNeedsAnObservationAndCountsThatFit() {
    assertMessage("between 0 and 1", () -> new SurvivalPoint(1, 1.5, 1, 1, 0, 0));
    assertMessage("cannot be negative", () -> new SurvivalPoint(1, 1, 1, -1, 0, 0));
    assertMessage("at least one observation", () -> new SurvivalPoint(1, 1, 1, 0, 0, 0));
    assertMessage(
        "'1' at risk, '1' deaths and '1' censored", () -> new SurvivalPoint(1, 0, 1, 1, 1, 0));
    assertMessage(
        "'9223372036854775807' censored",
        () -> new SurvivalPoint(1, 0, Long.MAX_VALUE, 1, Long.MAX_VALUE, 0));
    assertMessage("standard error", () -> new SurvivalPoint(1, 0.5, 2, 1, 0, Double.NaN));
  }

  private static void assertMessage(String expected, Runnable call) {
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(
        thrown.getMessage().contains(expected),
        () -> "expected '" + expected + "' in: " + thrown.getMessage());
  }
}
