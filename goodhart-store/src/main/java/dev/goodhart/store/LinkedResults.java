package dev.goodhart.store;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a linking of sessions to commits found, session by session, kept in the store so that a
 * figure over any group of those sessions (a team, a repository) is a query of the store rather
 * than another linking of every session: the outcome report's engines (linking, waste, line
 * provenance) need every session of a period in the JVM, the figures need only these numbers.
 *
 * @param linking what was linked: a period and the rules, as the report names it; results kept
 *     under the same name replace the earlier ones
 * @param linkedAt when the linking ran
 * @param sessions its sessions, made as they are stored (a large organisation's would not all fit
 *     in the heap next to the linking they come from)
 */
public record LinkedResults(String linking, Instant linkedAt, Iterable<Session> sessions) {
  public LinkedResults {
    requireNonNull(linking, "linking is null");
    requireNonNull(linkedAt, "linkedAt is null");
    requireNonNull(sessions, "sessions is null");
  }

  /**
   * One linked session's figures.
   *
   * @param person the person's pseudonym, null when unknown
   * @param owner whom the privacy floor counts it for: its person, else its machine
   * @param repositoryId the scanned repository it ran in (or was placed in by its links), null when
   *     none
   * @param alive30d its lines alive 30 days after their commits; null while that is unknown
   * @param shippedCommits its links to commits that shipped
   * @param commits every commit it is linked to
   */
  public record Session(
      String sessionKey,
      @Nullable String person,
      String owner,
      @Nullable String repositoryId,
      BigDecimal cost,
      long tokens,
      boolean estimated,
      long written,
      long shippedLines,
      long aliveAtHead,
      @Nullable Long alive30d,
      int shippedCommits,
      List<Commit> commits) {
    public Session {
      requireNonNull(sessionKey, "sessionKey is null");
      requireNonNull(owner, "owner is null");
      requireNonNull(cost, "cost is null");
      commits = List.copyOf(commits);
    }
  }

  /**
   * A commit a session is linked to.
   *
   * @param fateShipped the commit's own lines that shipped (its line fate, whoever wrote them)
   * @param reworked21d of those, the lines changed again within 21 days; null while the 21 days are
   *     not over
   */
  public record Commit(String sha, boolean shipped, long fateShipped, @Nullable Long reworked21d) {
    public Commit {
      requireNonNull(sha, "sha is null");
    }
  }

  /**
   * Sums over a group of linked sessions: the numbers a report's totals are made of. Money is
   * exact, at the largest scale of the sessions' costs.
   *
   * @param written30 the lines written by the sessions whose 30-day figure is known
   * @param shippedCost the cost of the sessions linked to a shipped commit
   * @param reworkShipped the shipped lines of the distinct shipped commits whose 21 days are over
   * @param reworked of those, the lines reworked within the 21 days
   * @param people the distinct persons of the sessions
   */
  public record Sums(
      int sessions,
      BigDecimal cost,
      BigDecimal shippedCost,
      BigDecimal unshippedCost,
      BigDecimal estimatedCost,
      long tokens,
      long written,
      long shippedLines,
      long aliveAtHead,
      long written30,
      long alive30,
      int commits,
      int shippedCommits,
      long reworkShipped,
      long reworked,
      int people) {
    /** The sums of no sessions: what adding nothing up gives. */
    public static final Sums NONE =
        new Sums(
            0,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0);
  }

  /**
   * A repository's part of a group of linked sessions: the cost of those that ran in it, and how
   * many owners (people, or machines of no known person) they have.
   */
  public record RepositorySums(String repositoryId, BigDecimal cost, int owners) {}
}
