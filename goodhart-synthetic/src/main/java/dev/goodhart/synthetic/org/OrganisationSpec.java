package dev.goodhart.synthetic.org;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What organisation to make.
 *
 * @param seed the same seed and {@code now} make the same repositories (shas and all) and logs
 * @param now the end of the history: the demo passes the clock, tests a fixed instant (it is used
 *     to the second)
 * @param people how many people (1 to 100)
 * @param repositories how many repositories (1 to 24)
 * @param days how many days of history end at {@code now} (7 to 365)
 */
public record OrganisationSpec(long seed, Instant now, int people, int repositories, int days) {

  public static final int DEFAULT_PEOPLE = 8;
  public static final int DEFAULT_REPOSITORIES = 3;
  public static final int DEFAULT_DAYS = 60;

  public OrganisationSpec {
    requireNonNull(now, "now is null");
    now = now.truncatedTo(ChronoUnit.SECONDS);
    if (people < 1 || people > 100) {
      throw new IllegalArgumentException("people must be 1 to 100, not " + people);
    }
    if (repositories < 1 || repositories > 24) {
      throw new IllegalArgumentException("repositories must be 1 to 24, not " + repositories);
    }
    if (days < 7 || days > 365) {
      throw new IllegalArgumentException("days must be 7 to 365, not " + days);
    }
  }

  /** Eight people, three repositories, sixty days. */
  public static OrganisationSpec of(long seed, Instant now) {
    return new OrganisationSpec(seed, now, DEFAULT_PEOPLE, DEFAULT_REPOSITORIES, DEFAULT_DAYS);
  }

  public OrganisationSpec withPeople(int count) {
    return new OrganisationSpec(seed, now, count, repositories, days);
  }

  public OrganisationSpec withRepositories(int count) {
    return new OrganisationSpec(seed, now, people, count, days);
  }

  public OrganisationSpec withDays(int count) {
    return new OrganisationSpec(seed, now, people, repositories, count);
  }

  /** When the history starts: the repositories' first commits. */
  public Instant start() {
    return now.minus(Duration.ofDays(days));
  }
}
