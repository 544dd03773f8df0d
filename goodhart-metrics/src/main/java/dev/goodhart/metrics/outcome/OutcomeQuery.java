package dev.goodhart.metrics.outcome;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which spend a report covers (UTC days, both ends included), whose, and its privacy floor.
 *
 * @param minimumGroup groups (repositories, models, sources) of fewer people are suppressed, unless
 *     the whole report is one person's own
 * @param persons only the sessions of these people (pseudonyms), e.g. a team's; null for everyone
 * @param repositoryId only the sessions in this scanned repository; null for all
 * @param shared whether the report is seen by others than the people in it (a server's API): then
 *     it is never treated as one person's own, and the floor applies even to a single person
 * @param provenanceWindow how long after an agent wrote a line a commit may land it as the agent's
 *     work; null for the default (14 days)
 * @param lineProvenance whether sessions are linked by their lines and by commits that landed under
 *     another sha; false links by printed shas on the branch, trailers and time only
 */
public record OutcomeQuery(
    @Nullable LocalDate since,
    @Nullable LocalDate until,
    int minimumGroup,
    @Nullable Set<String> persons,
    @Nullable String repositoryId,
    boolean shared,
    @Nullable Duration provenanceWindow,
    boolean lineProvenance) {
  public static final int PRIVACY_FLOOR = 5;

  public static final OutcomeQuery ALL = new OutcomeQuery(null, null, PRIVACY_FLOOR);

  public OutcomeQuery {
    if (minimumGroup < 1) {
      throw new IllegalArgumentException("minimumGroup must be at least 1: " + minimumGroup);
    }
    persons = persons == null ? null : Set.copyOf(persons);
    if (provenanceWindow != null && (provenanceWindow.isNegative() || provenanceWindow.isZero())) {
      throw new IllegalArgumentException(
          "the provenance window must be positive: " + provenanceWindow);
    }
  }

  public OutcomeQuery(
      @Nullable LocalDate since,
      @Nullable LocalDate until,
      int minimumGroup,
      @Nullable Set<String> persons,
      @Nullable String repositoryId,
      boolean shared) {
    this(since, until, minimumGroup, persons, repositoryId, shared, null, true);
  }

  /** The same query with another provenance window. */
  public OutcomeQuery withProvenanceWindow(@Nullable Duration window) {
    return new OutcomeQuery(
        since, until, minimumGroup, persons, repositoryId, shared, window, lineProvenance);
  }

  /** The same query, with or without line provenance. */
  public OutcomeQuery withLineProvenance(boolean on) {
    return new OutcomeQuery(
        since, until, minimumGroup, persons, repositoryId, shared, provenanceWindow, on);
  }

  /** Everyone's sessions, as the person running the command sees them. */
  public OutcomeQuery(@Nullable LocalDate since, @Nullable LocalDate until, int minimumGroup) {
    this(since, until, minimumGroup, null, null, false);
  }

  boolean includes(@Nullable String person, @Nullable String repository) {
    return (persons == null || (person != null && persons.contains(person)))
        && (repositoryId == null || repositoryId.equals(repository));
  }
}
