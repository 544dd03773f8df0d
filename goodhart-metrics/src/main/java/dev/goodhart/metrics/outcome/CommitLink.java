package dev.goodhart.metrics.outcome;

import dev.goodhart.model.git.CommitFact;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * A session's claim on a commit.
 *
 * @param sha the full sha when the commit is on the scanned branch, else the (abbreviated) sha the
 *     session's tool output printed
 * @param commit the commit on the scanned branch, or null: a commit that never reached it (an
 *     abandoned branch, a rebase, a squash under another sha)
 * @param confidence 1 for exact links; below for inferred ones
 * @param share the part of the commit's lines credited to this session: 1 divided by the sessions
 *     that claim it
 * @param cost the part of the session's cost put on this commit: the session's cost split over its
 *     commits in proportion to their links' confidence
 * @param awaitingDeployment the commit is on the scanned branch of a repository whose production
 *     deployments are known, and in none of them yet
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
    boolean awaitingDeployment) {

  /** How the link was found. */
  public enum Kind {
    /** The session's own output printed the commit, or the commit names the session. */
    EXACT,
    /** Same repository, a commit made in the session's window by its person. */
    INFERRED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
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
        awaitingDeployment);
  }
}
