/**
 * How long lines of code live: a Kaplan–Meier estimate of the share of lines still unchanged a
 * given number of days after their commit, and the half-life that follows from it.
 *
 * <p>A line dies when a later commit on the default branch changes or deletes it. A line still
 * alive at the branch head is right-censored: it was watched until the head and had not died, which
 * is evidence of survival, never of death. Counting it as dead, or dropping it, would make young
 * code look short-lived, which is why a product-limit estimate is used rather than a plain share.
 *
 * <p>Observations are collected in a {@link dev.goodhart.metrics.survival.SurvivalObservations}
 * (one per group, e.g. AI-written and human-written lines), turned into a {@link
 * dev.goodhart.metrics.survival.SurvivalCurve} by the {@link
 * dev.goodhart.metrics.survival.KaplanMeierEstimator}, and read at the report's fixed times with
 * {@link dev.goodhart.metrics.survival.SurvivalReportTimes}.
 */
@NullMarked
package dev.goodhart.metrics.survival;

import org.jspecify.annotations.NullMarked;
