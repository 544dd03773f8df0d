package dev.goodhart.metrics.survival;

import static java.util.Objects.requireNonNull;

import dev.goodhart.model.git.CommitFact;
import dev.goodhart.model.git.LineFate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The survival of lines on a branch, from the line fate of its commits: a line is born with its
 * commit, dies on the day it left the branch, and is censored at the time of the scan while it is
 * still there. Lines are split by who wrote them: commits attributed to an agent, and the rest.
 */
public final class LineSurvival {
  /** The groups, in the order reports show them. */
  public static final List<String> GROUPS = List.of("ai", "human");

  private LineSurvival() {}

  /** A curve per group; a group with no shipped lines has an empty curve. */
  public static Map<String, SurvivalCurve> byAuthorship(List<CommitFact> commits, Instant now) {
    requireNonNull(commits, "commits is null");
    requireNonNull(now, "now is null");
    Map<String, SurvivalObservations> observations = new LinkedHashMap<>();
    for (String group : GROUPS) {
      observations.put(group, SurvivalObservations.create());
    }
    for (CommitFact commit : commits) {
      LineFate fate = commit.fate();
      if (fate.shipped() == 0) {
        continue;
      }
      SurvivalObservations group = observations.get(commit.aiAgent() != null ? "ai" : "human");
      int[] days = fate.deathDays();
      long[] counts = fate.deathCounts();
      for (int i = 0; i < days.length; i++) {
        group.add(days[i], counts[i], 0);
      }
      if (fate.aliveAtHead() > 0) {
        double observed =
            Math.max(0, Duration.between(commit.committedAt(), now).toSeconds() / 86_400.0);
        group.add(observed, 0, fate.aliveAtHead());
      }
    }
    Map<String, SurvivalCurve> curves = new LinkedHashMap<>();
    observations.forEach((group, data) -> curves.put(group, KaplanMeierEstimator.estimate(data)));
    return curves;
  }
}
