package dev.goodhart.metrics.outcome;

import dev.goodhart.metrics.survival.SurvivalCurve;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the tokens shipped, over a period: the figures of {@code goodhart report}. A figure that
 * cannot be known yet is null (a yield while no AI line is 30 days old). Definitions are in
 * DESIGN.md; how sessions and commits are linked is in {@link SessionLinker}.
 *
 * @param from the first UTC day with spend, null when there is none
 * @param people distinct people in the report: the persons of its sessions and the authors of its
 *     repositories' commits
 * @param minimumGroup the privacy floor: a group of fewer people is suppressed
 */
public record OutcomeReport(
    @Nullable LocalDate from,
    @Nullable LocalDate to,
    Instant generatedAt,
    Totals totals,
    List<SessionOutcome> sessions,
    List<PeriodOutcome> days,
    List<PeriodOutcome> weeks,
    List<RepositoryOutcome> repositories,
    List<GroupOutcome> models,
    List<GroupOutcome> sources,
    List<EfficiencyBucket> efficiency,
    List<WasteTotal> waste,
    int people,
    int minimumGroup) {

  /** The same report listing only the given sessions; its figures still count every one. */
  public OutcomeReport withSessions(List<SessionOutcome> shown) {
    return new OutcomeReport(
        from,
        to,
        generatedAt,
        totals,
        List.copyOf(shown),
        days,
        weeks,
        repositories,
        models,
        sources,
        efficiency,
        waste,
        people,
        minimumGroup);
  }

  /**
   * @param costPerShippedCommit cost of the sessions linked to at least one shipped commit, divided
   *     by the shipped commits linked
   * @param unshippedCost cost of the sessions linked to no shipped commit
   * @param reworkShare of the shipped lines of linked commits, those changed again within 21 days
   */
  public record Totals(
      BigDecimal cost,
      long tokens,
      int sessions,
      int commits,
      int shippedCommits,
      long aiLinesWritten,
      long aiLinesShipped,
      long aiLinesAliveAtHead,
      @Nullable Long aiLinesAlive30d,
      @Nullable Double yield30d,
      @Nullable BigDecimal costPerShippedCommit,
      @Nullable BigDecimal costPer1kSurvivingLines,
      BigDecimal unshippedCost,
      @Nullable Double unshippedShare,
      @Nullable Double reworkShare,
      BigDecimal estimatedCost) {}

  /**
   * One agent session and what it shipped.
   *
   * @param person the person's pseudonym, null when unknown
   * @param repository the scanned repository's folder, null when the session ran outside them
   * @param commits every link: the commits its work is in, on the default branch or off it
   * @param aiLinesShipped the lines its edits wrote that entered the default branch (by line
   *     provenance where the lines are known, else its share of its commits' lines), at most what
   *     it wrote
   * @param aiLinesAliveAtHead of those, the lines still at the branch's head
   * @param aiLinesAlive30d the same 30 days after the commits; null while that is in the future
   * @param unresolved shas its tool output printed that no scanned repository holds
   * @param estimated whether its cost is the agent's own cost metric (it sent metrics, no request
   *     events)
   */
  public record SessionOutcome(
      String sessionId,
      String source,
      @Nullable String person,
      @Nullable String repository,
      @Nullable String branch,
      Instant start,
      Instant end,
      BigDecimal cost,
      long tokens,
      int prompts,
      long apiCalls,
      List<String> models,
      List<CommitLink> commits,
      int shippedCommits,
      long aiLinesWritten,
      long aiLinesShipped,
      long aiLinesAliveAtHead,
      @Nullable Long aiLinesAlive30d,
      @Nullable BigDecimal costPerShippedCommit,
      List<WasteSignal> waste,
      List<String> unresolved,
      boolean estimated) {

    /** The default-branch commits its work entered, whatever its own commits became. */
    public List<CommitLink> landedAs() {
      return commits.stream().filter(CommitLink::onBranch).toList();
    }
  }

  /** A day (ISO date) or an ISO week ({@code 2026-W44}). */
  public record PeriodOutcome(
      String period,
      BigDecimal cost,
      int sessions,
      int commits,
      int shippedCommits,
      long aiLinesWritten,
      long aiLinesAliveAtHead,
      BigDecimal unshippedCost) {}

  /**
   * One scanned repository; {@code suppressed} when fewer people than the floor work in it.
   *
   * @param linesAtHead the lines of the text files at the branch's head
   * @param aiLinesAtHeadByContent of those, the lines line provenance finds an agent session wrote
   * @param aiLinesAtHeadByTrailers of those, the lines of commits that say an agent wrote them
   *     (trailers, markers, identities) or that git-ai notes give to an agent line by line
   * @param aiLinesAtHeadByAgent {@code aiLinesAtHeadByContent} per agent (source)
   */
  public record RepositoryOutcome(
      String repositoryId,
      String path,
      boolean suppressed,
      BigDecimal cost,
      int sessions,
      int commits,
      int shippedCommits,
      int aiCommits,
      long aiLinesWritten,
      long aiLinesAliveAtHead,
      @Nullable Double yield30d,
      @Nullable BigDecimal costPerShippedCommit,
      @Nullable Double reworkShare,
      Map<String, SurvivalCurve> survival,
      long linesAtHead,
      long aiLinesAtHeadByContent,
      long aiLinesAtHeadByTrailers,
      Map<String, Long> aiLinesAtHeadByAgent) {}

  /** A model or a source. */
  public record GroupOutcome(
      String key,
      boolean suppressed,
      BigDecimal cost,
      long tokens,
      int sessions,
      int shippedCommits) {}

  /** Sessions of one spend decile (1 = the cheapest tenth) and what they shipped. */
  public record EfficiencyBucket(
      int decile,
      int sessions,
      BigDecimal minCost,
      BigDecimal maxCost,
      BigDecimal cost,
      int shippedCommits,
      long aiLinesAliveAtHead,
      @Nullable BigDecimal costPerShippedCommit) {}

  /** One kind of waste: the sessions that show it and their whole cost. */
  public record WasteTotal(WasteSignal.Kind kind, int sessions, BigDecimal cost) {}
}
