package dev.goodhart.metrics.survival;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KaplanMeierEstimatorTest {
  private static final double EXACT = 1e-12;

  /**
   * The 6-MP arm of Gehan's leukemia trial (21 patients, weeks of remission), the textbook example
   * of Kaplan–Meier with censoring. Deaths (relapses): 6, 6, 6, 7, 10, 13, 16, 22, 23. Censored: 6,
   * 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35.
   */
  static SurvivalObservations gehanSixMercaptopurine() {
    SurvivalObservations observations = SurvivalObservations.create();
    for (int weeks : new int[] {6, 6, 6, 7, 10, 13, 16, 22, 23}) {
      observations.add(weeks, 1, 0);
    }
    for (int weeks : new int[] {6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35}) {
      observations.add(weeks, 0, 1);
    }
    return observations;
  }

  @Test
  void gehanLeukemiaDataGiveThePublishedCurve() {
    SurvivalCurve curve = KaplanMeierEstimator.estimate(gehanSixMercaptopurine());

    // t   n   d  c   S = previous S × (n − d) / n
    // 6   21  3  1   18/21             = 6/7     = 0.857
    // 7   17  1  0   6/7 × 16/17       = 96/119  = 0.807
    // 9   16  0  1   (no death)
    // 10  15  1  1   96/119 × 14/15    = 64/85   = 0.753  (the death comes before the censoring)
    // 11  13  0  1
    // 13  12  1  0   64/85 × 11/12     = 176/255 = 0.690
    // 16  11  1  0   176/255 × 10/11   = 32/51   = 0.627
    // 17, 19, 20: censored, n goes 10, 9, 8
    // 22  7   1  0   32/51 × 6/7       = 64/119  = 0.538
    // 23  6   1  0   64/119 × 5/6      = 160/357 = 0.448
    // 25, 32 (×2), 34, 35: censored, n goes 5, 4, 2, 1
    assertEquals(6.0 / 7, curve.survivalAt(6), EXACT);
    assertEquals(96.0 / 119, curve.survivalAt(7), EXACT);
    assertEquals(64.0 / 85, curve.survivalAt(10), EXACT);
    assertEquals(176.0 / 255, curve.survivalAt(13), EXACT);
    assertEquals(32.0 / 51, curve.survivalAt(16), EXACT);
    assertEquals(64.0 / 119, curve.survivalAt(22), EXACT);
    assertEquals(160.0 / 357, curve.survivalAt(23), EXACT);
    // The three decimals printed in the textbooks.
    assertEquals(0.857, curve.survivalAt(6), 5e-4);
    assertEquals(0.807, curve.survivalAt(7), 5e-4);
    assertEquals(0.753, curve.survivalAt(10), 5e-4);
    assertEquals(0.690, curve.survivalAt(13), 5e-4);
    assertEquals(0.627, curve.survivalAt(16), 5e-4);
    assertEquals(0.538, curve.survivalAt(22), 5e-4);
    assertEquals(0.448, curve.survivalAt(23), 5e-4);
    // S(22) = 0.538 > 0.5 and S(23) = 0.448 <= 0.5.
    assertEquals(Optional.of(23.0), curve.medianSurvival());
    assertEquals(Optional.of(23.0), curve.halfLife());
    // The last observation (35) is censored: the curve keeps its last value beyond it.
    assertEquals(160.0 / 357, curve.survivalAt(1000), EXACT);

    assertEquals(21, curve.totalLines());
    assertEquals(9, curve.totalDeaths());
    assertEquals(12, curve.totalCensored());
    assertEquals(
        List.of(
            6.0, 7.0, 9.0, 10.0, 11.0, 13.0, 16.0, 17.0, 19.0, 20.0, 22.0, 23.0, 25.0, 32.0, 34.0,
            35.0),
        curve.points().stream().map(SurvivalPoint::timeDays).toList());
    assertEquals(
        List.of(21L, 17L, 16L, 15L, 13L, 12L, 11L, 10L, 9L, 8L, 7L, 6L, 5L, 4L, 2L, 1L),
        curve.points().stream().map(SurvivalPoint::atRisk).toList());
  }

  @Test
  void gehanLeukemiaDataGiveThePublishedGreenwoodErrors() {
    SurvivalCurve curve = KaplanMeierEstimator.estimate(gehanSixMercaptopurine());

    // SE = S × sqrt(Σ d / (n (n − d))):
    // 6:  Σ = 3/(21×18) = 1/126;                  0.857 × sqrt(0.007937) = 0.0764
    // 7:  Σ += 1/(17×16) → 199/17136;             0.807 × sqrt(0.011613) = 0.0869
    // 10: Σ += 1/(15×14) → 1403/85680;            0.753 × sqrt(0.016375) = 0.0963
    // 13: Σ += 1/(12×11) → 22573/942480;          0.690 × sqrt(0.023951) = 0.1068
    // 16: Σ += 1/(11×10) → 2831/85680;            0.627 × sqrt(0.033042) = 0.1141
    // 22: Σ += 1/(7×6)   → 4871/85680;            0.538 × sqrt(0.056851) = 0.1282
    // 23: Σ += 1/(6×5)   → 7727/85680;            0.448 × sqrt(0.090184) = 0.1346
    assertEquals(6.0 / 7 * Math.sqrt(1.0 / 126), curve.standardErrorAt(6), EXACT);
    assertEquals(160.0 / 357 * Math.sqrt(7727.0 / 85680), curve.standardErrorAt(23), EXACT);
    // The published values, to three decimals.
    double[] weeks = {6, 7, 10, 13, 16, 22, 23};
    double[] published = {0.076, 0.087, 0.096, 0.107, 0.114, 0.128, 0.135};
    for (int index = 0; index < weeks.length; index++) {
      assertEquals(
          published[index], curve.standardErrorAt(weeks[index]), 5e-4, "at " + weeks[index]);
    }
    // Before the first death the estimate is certain.
    assertEquals(0.0, curve.standardErrorAt(5.9));
  }

  @Test
  void whenNoLineEverDiesEveryLineSurvivesAndThereIsNoHalfLife() {
    // 1,000 lines still alive at the head, watched for 3, 40 and 400 days: S = 1 throughout.
    SurvivalObservations observations =
        SurvivalObservations.create().add(3, 0, 500).add(40, 0, 300).add(400, 0, 200);

    SurvivalCurve curve = KaplanMeierEstimator.estimate(observations);

    for (double day : new double[] {0, 3, 7, 40, 100, 400, 10_000}) {
      assertEquals(1.0, curve.survivalAt(day), "at day " + day);
      assertEquals(0.0, curve.standardErrorAt(day), "at day " + day);
    }
    assertEquals(Optional.empty(), curve.halfLife());
    assertEquals(1000, curve.totalLines());
    assertEquals(0, curve.totalDeaths());
  }

  @Test
  void noObservationsGiveAnEmptyCurveThatReadsOne() {
    SurvivalCurve curve = KaplanMeierEstimator.estimate(SurvivalObservations.create());

    assertEquals(List.of(), curve.points());
    assertEquals(1.0, curve.survivalAt(30));
    assertEquals(0, curve.totalLines());
    assertEquals(0, curve.atRiskAt(0));
    assertEquals(Optional.empty(), curve.halfLife());
  }

  @Test
  void everythingDyingAtOnceDropsTheCurveToZero() {
    // 50 lines, all changed at day 12: S = 1 − 50/50 = 0 from day 12 on.
    SurvivalCurve curve =
        KaplanMeierEstimator.estimate(SurvivalObservations.create().add(12, 50, 0));

    assertEquals(1.0, curve.survivalAt(11.99));
    assertEquals(0.0, curve.survivalAt(12));
    assertEquals(0.0, curve.survivalAt(365));
    assertEquals(Optional.of(12.0), curve.halfLife());
    // Greenwood's sum diverges at S = 0; the error reported is 0, the uncensored limit S(1 − S)/n.
    assertEquals(0.0, curve.standardErrorAt(12));
    assertEquals(List.of(new SurvivalPoint(12, 0.0, 50, 50, 0, 0.0)), curve.points());
  }

  @Test
  void atATieDeathsComeBeforeCensorings() {
    // Day 5: 4 lines, 1 dies and 1 is censored. Deaths first: n = 4, S = 1 − 1/4 = 0.75.
    // (Censoring first would give n = 3 and S = 2/3.)
    // Day 8: the 2 left, 1 dies: S = 0.75 × 1/2 = 0.375. Day 9: the last one is censored.
    SurvivalObservations observations =
        SurvivalObservations.create().add(5, 1, 1).add(8, 1, 0).add(9, 0, 1);

    SurvivalCurve curve = KaplanMeierEstimator.estimate(observations);

    assertEquals(0.75, curve.survivalAt(5), EXACT);
    assertEquals(0.375, curve.survivalAt(8), EXACT);
    assertEquals(List.of(4L, 2L, 1L), curve.points().stream().map(SurvivalPoint::atRisk).toList());
    assertEquals(Optional.of(8.0), curve.halfLife());
  }

  @Test
  void censoringsBeforeAnyDeathOnlyShrinkTheLinesAtRisk() {
    // 10 lines. Days 1 and 2: 3 and 2 censored, S stays 1, n goes 10 → 7 → 5.
    // Day 4: of 5 at risk 1 dies: S = 4/5 = 0.8. Day 6: of 4, 2 die: S = 0.8 × 2/4 = 0.4.
    // Day 7: the last 2 are censored.
    SurvivalObservations observations =
        SurvivalObservations.create()
            .add(1, 0, 3)
            .add(2, 0, 2)
            .add(4, 1, 0)
            .add(6, 2, 0)
            .add(7, 0, 2);

    SurvivalCurve curve = KaplanMeierEstimator.estimate(observations);

    assertEquals(1.0, curve.survivalAt(1));
    assertEquals(1.0, curve.survivalAt(3.5));
    assertEquals(0.8, curve.survivalAt(4), EXACT);
    assertEquals(0.4, curve.survivalAt(6), EXACT);
    // Not the plain share 1 − 3/10 = 0.7: the censored lines were not seen long enough to count.
    assertEquals(0.4, curve.survivalAt(7), EXACT);
    assertEquals(Optional.of(6.0), curve.halfLife());
    assertEquals(5, curve.atRiskAt(3));
  }

  @Test
  void linesReplacedInTheirOwnCommitDieAtDayZero() {
    // 8 lines; 2 die at day 0 (S(0) = 6/8 = 0.75), 3 at day 10 (S = 0.75 × 3/6 = 0.375), 3 alive.
    SurvivalObservations observations =
        SurvivalObservations.create().add(0, 2, 0).add(10, 3, 0).add(20, 0, 3);

    SurvivalCurve curve = KaplanMeierEstimator.estimate(observations);

    assertEquals(1.0, curve.survivalAt(-1));
    assertEquals(0.75, curve.survivalAt(0), EXACT);
    assertEquals(0.75, curve.survivalAt(9.5), EXACT);
    assertEquals(0.375, curve.survivalAt(10), EXACT);
    assertEquals(8, curve.atRiskAt(0));
    assertEquals(Optional.of(10.0), curve.halfLife());
  }

  @Test
  void aCurveAtExactlyOneHalfHasItsHalfLifeThere() {
    // 2 lines, 1 dies at day 3: S(3) = 1/2, which is <= 0.5, so the half-life is 3.
    SurvivalCurve two = KaplanMeierEstimator.estimate(SurvivalObservations.create().add(3, 1, 1));
    // 24 lines dying one a day from day 1: exactly, S(12) = 23/24 × 22/23 × ... × 12/13 = 12/24.
    // In doubles the product lands one ulp above, at 0.5000000000000001, and must still count.
    SurvivalObservations twentyFour = SurvivalObservations.create();
    for (int day = 1; day <= 24; day++) {
      twentyFour.add(day, 1, 0);
    }
    SurvivalCurve curve = KaplanMeierEstimator.estimate(twentyFour);

    assertEquals(Optional.of(3.0), two.halfLife());
    assertTrue(curve.survivalAt(12) > 0.5, "the rounding this test is about no longer happens");
    assertEquals(Optional.of(12.0), curve.halfLife());
  }

  @Test
  void pointsAreInAscendingTimeWhateverTheOrderOfAdding() {
    SurvivalObservations forward =
        SurvivalObservations.create().add(1, 1, 0).add(2, 0, 1).add(3, 1, 1);
    SurvivalObservations backward =
        SurvivalObservations.create().add(3, 1, 1).add(2, 0, 1).add(1, 1, 0);

    SurvivalCurve curve = KaplanMeierEstimator.estimate(backward);

    assertEquals(KaplanMeierEstimator.estimate(forward), curve);
    assertEquals(
        List.of(1.0, 2.0, 3.0), curve.points().stream().map(SurvivalPoint::timeDays).toList());
    assertTrue(curve.points().stream().allMatch(point -> point.survival() <= 1));
  }
}
