package dev.goodhart.synthetic;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * What to generate. Sizes are targets in bytes of log files; the generator stops after the session
 * that reaches them.
 *
 * @param seed the same seed writes the same bytes
 * @param claudeBytes bytes of Claude Code transcripts (0 for none)
 * @param codexBytes bytes of Codex rollouts (0 for none)
 * @param firstDay the day the first session may start (UTC)
 * @param days over how many days sessions are spread
 * @param features the cases that exercise de-duplication and pricing rules
 * @param turnsPerSession the prompts of every Claude Code session, 0 for the natural spread (a few
 *     on most, up to 15); a heavy user's long sessions (hundreds of requests a file) are another
 *     shape for the store than many short ones
 */
public record SyntheticSpec(
    long seed,
    long claudeBytes,
    long codexBytes,
    LocalDate firstDay,
    int days,
    Features features,
    int turnsPerSession) {

  public SyntheticSpec {
    requireNonNull(firstDay, "firstDay is null");
    requireNonNull(features, "features is null");
    if (claudeBytes < 0 || codexBytes < 0 || days < 1 || turnsPerSession < 0) {
      throw new IllegalArgumentException(
          "sizes and turns must not be negative and days must be positive");
    }
  }

  /**
   * Which of the logs' awkward cases to write.
   *
   * @param subAgents sub-agent transcripts in {@code <session>/subagents/}, counted in the parent
   *     session
   * @param sidechainReplays a sub-agent's copy of a parent request under a new request id: one
   *     request
   * @param oneHourCache some cache writes with the 1-hour lifetime
   * @param longContext some requests whose prompt exceeds 200k tokens
   * @param fastMode some Opus 4.6 requests in fast mode
   * @param unpricedModel some requests of a model no price table knows
   * @param codexRepeats identical {@code token_count} events written twice, as Codex does
   * @param codexTotalsOnly some rollouts (older Codex) without {@code last_token_usage}
   * @param codexArchived some rollouts moved to {@code archived_sessions/}, some copied there
   */
  public record Features(
      boolean subAgents,
      boolean sidechainReplays,
      boolean oneHourCache,
      boolean longContext,
      boolean fastMode,
      boolean unpricedModel,
      boolean codexRepeats,
      boolean codexTotalsOnly,
      boolean codexArchived) {

    /** Everything real logs hold. */
    public static Features all() {
      return new Features(true, true, true, true, true, true, true, true, true);
    }

    /** Only the cases on which goodhart and ccusage are meant to agree token for token. */
    public static Features sharedWithCcusage() {
      return new Features(true, false, true, false, false, false, true, true, true);
    }
  }

  public static SyntheticSpec of(long seed, long claudeBytes, long codexBytes) {
    return new SyntheticSpec(
        seed, claudeBytes, codexBytes, LocalDate.of(2026, 9, 1), 60, Features.all(), 0);
  }

  public SyntheticSpec withFeatures(Features value) {
    return new SyntheticSpec(seed, claudeBytes, codexBytes, firstDay, days, value, turnsPerSession);
  }

  public SyntheticSpec withTurnsPerSession(int value) {
    return new SyntheticSpec(seed, claudeBytes, codexBytes, firstDay, days, features, value);
  }

  public SyntheticSpec withDays(LocalDate first, int count) {
    return new SyntheticSpec(
        seed, claudeBytes, codexBytes, first, count, features, turnsPerSession);
  }
}
