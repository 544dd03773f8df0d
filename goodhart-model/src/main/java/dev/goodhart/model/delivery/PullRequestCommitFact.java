package dev.goodhart.model.delivery;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A commit a pull request held: what lets a squash or rebase merge, whose commit on the base branch
 * is new, be traced back to the commits (and so the agent sessions) it came from. One row per
 * repository, number and sha; a force-push adds the new commits and keeps the old ones, since a
 * session may have printed either.
 *
 * @param sha the full 40-hex sha, lower case
 * @param authoredAt the commit's author date, null when the forge did not say
 * @param authorId the pseudonym of the commit's author e-mail address, made as a scan makes a
 *     commit's author (so the two compare equal); null when the forge gave no address
 */
public record PullRequestCommitFact(
    String repository,
    int number,
    String sha,
    @Nullable Instant authoredAt,
    @Nullable String authorId) {
  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}");

  public PullRequestCommitFact {
    requireNonNull(repository, "repository is null");
    requireNonNull(sha, "sha is null");
    if (number < 1) {
      throw new IllegalArgumentException("a pull request number is positive: " + number);
    }
    if (!FULL_SHA.matcher(sha).matches()) {
      throw new IllegalArgumentException("a full sha is 40 lower-case hex digits: " + sha);
    }
  }
}
