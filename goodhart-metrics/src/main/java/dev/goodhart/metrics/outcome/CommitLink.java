package dev.goodhart.metrics.outcome;

import dev.goodhart.model.git.CommitFact;
import java.math.BigDecimal;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A session's claim on a commit.
 *
 * @param sha the commit's full sha: a commit on the scanned branch, or one off it that the session
 *     printed (a feature branch never merged, a commit a rebase or an amend replaced)
 * @param commit the commit on the scanned branch, or null for a commit off it
 * @param confidence 1 for exact, rewritten, squashed and content links; below for inferred ones
 * @param share the part of the commit's lines credited to this session when no line-level match
 *     says which are its own: 1 divided by the sessions that claim it
 * @param cost the part of the session's cost put on this commit: the session's cost split over its
 *     commits in proportion to their links' confidence
 * @param awaitingDeployment the commit is on the scanned branch of a repository whose production
 *     deployments are known, and in none of them yet
 * @param prNumber the pull request the commit came in by, when known
 * @param lines what became of the session's lines in this commit; {@link Lines#NONE} until counted
 */
public record CommitLink(
    String sessionKey,
    @Nullable String repositoryId,
    String sha,
    @Nullable CommitFact commit,
    Kind kind,
    double confidence,
    double share,
    BigDecimal cost,
    boolean awaitingDeployment,
    @Nullable Integer prNumber,
    Lines lines) {

  /** How the link was found, strongest first: a commit keeps the strongest of a session's links. */
  public enum Kind {
    /** The session's own output printed the commit, or the commit names the session. */
    EXACT,
    /** The same change ({@code git patch-id --stable}) as a commit the session printed. */
    REWRITTEN,
    /** A pull request of the session's commits merged as this commit, or its lines in it. */
    SQUASHED,
    /** The session's lines in it, though the session made no commit. */
    CONTENT,
    /** Same repository, a commit made in the session's window by its person. */
    INFERRED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the link says the commit is the session's own work rather than a guess. */
    public boolean certain() {
      return this != INFERRED;
    }
  }

  /**
   * The session's lines in the commit.
   *
   * @param byContent whether they were matched line by line (else: the commit's lines shared among
   *     the sessions that claim it)
   * @param shipped lines that entered the default branch
   * @param aliveAtHead lines on the branch at its head
   * @param alive30d lines on the branch 30 days after the commit; null while that is in the future
   */
  public record Lines(
      boolean byContent, long shipped, long aliveAtHead, @Nullable Long alive30d, long matched) {
    public static final Lines NONE = new Lines(false, 0, 0, null, 0);
  }

  /** A link before its cost, share and lines are known. */
  static CommitLink of(
      String sessionKey,
      @Nullable String repositoryId,
      String sha,
      @Nullable CommitFact commit,
      Kind kind,
      double confidence,
      boolean awaitingDeployment) {
    return new CommitLink(
        sessionKey,
        repositoryId,
        sha,
        commit,
        kind,
        confidence,
        1.0,
        BigDecimal.ZERO,
        awaitingDeployment,
        null,
        Lines.NONE);
  }

  /** Whether the commit is on the scanned default branch. */
  public boolean onBranch() {
    return commit != null;
  }

  /**
   * On the default branch and, where the repository's deployments are known, contained in a
   * successful production deployment (DESIGN.md's definition).
   */
  public boolean shipped() {
    return commit != null && !awaitingDeployment;
  }

  CommitLink withShareAndCost(double newShare, BigDecimal newCost) {
    return new CommitLink(
        sessionKey,
        repositoryId,
        sha,
        commit,
        kind,
        confidence,
        newShare,
        newCost,
        awaitingDeployment,
        prNumber,
        lines);
  }

  CommitLink withPullRequest(@Nullable Integer number) {
    return new CommitLink(
        sessionKey,
        repositoryId,
        sha,
        commit,
        kind,
        confidence,
        share,
        cost,
        awaitingDeployment,
        number,
        lines);
  }

  CommitLink withLines(Lines newLines) {
    return new CommitLink(
        sessionKey,
        repositoryId,
        sha,
        commit,
        kind,
        confidence,
        share,
        cost,
        awaitingDeployment,
        prNumber,
        newLines);
  }
}
