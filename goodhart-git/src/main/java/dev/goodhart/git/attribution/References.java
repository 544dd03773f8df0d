package dev.goodhart.git.attribution;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commits and pull requests a commit message refers to in the forms git and the forges write
 * themselves. A number or hash a person mentions ({@code fixes #12}, {@code see abc1234}) is not a
 * reference here: {@code #12} may be an issue, and a quoted hash proves nothing was reverted.
 */
public final class References {
  /**
   * The sentence {@code git revert} writes on a line of its own: {@code This reverts commit X.}, or
   * for a merge {@code This reverts commit X, reversing} followed by {@code changes made to Y.}.
   * {@code Reapply "…"} and {@code Revert "Revert "…""} messages carry the same sentence. SHA-1 and
   * SHA-256 object names, abbreviated to no fewer than 7 digits.
   */
  private static final Pattern REVERT =
      Pattern.compile(
          "^This reverts commit ([0-9a-fA-F]{7,64})(?:\\.|, reversing)[ \\t]*$", Pattern.MULTILINE);

  /** The forms a merge or squash subject takes, in order of preference. */
  private static final List<Pattern> PULL_REQUEST_SUBJECTS =
      List.of(
          // GitHub merge commit.
          Pattern.compile("^Merge pull request #(\\d+) from \\S"),
          // Bitbucket Cloud merge commit.
          Pattern.compile("^Merged in \\S+ \\(pull request #(\\d+)\\)"),
          // Azure DevOps merge commit.
          Pattern.compile("^Merged PR (\\d+): "),
          // GitHub squash merge: the pull request's title and its number.
          Pattern.compile("\\S.*? \\(#(\\d+)\\)\\s*$"));

  /** GitLab merge commits and squashes end with the merge request's full reference. */
  private static final Pattern GITLAB_MERGE_REQUEST =
      Pattern.compile(
          "^See merge request [\\w.-]+(?:/[\\w.-]+)+!(\\d+)[ \\t]*$", Pattern.MULTILINE);

  private References() {}

  /**
   * The commit a revert undoes, as written in git's own sentence (the hash as written, abbreviated
   * or not); for a reverted merge the merge commit, not the parent it reverts to.
   */
  public static Optional<String> revertOf(String message) {
    Matcher matcher = REVERT.matcher(normalise(message));
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /**
   * The number of the pull request or merge request that a merge or squash commit lands: GitHub
   * {@code Merge pull request #123 from owner/branch} and {@code Title (#123)}, Bitbucket {@code
   * Merged in branch (pull request #12)}, Azure DevOps {@code Merged PR 12: Title}, and GitLab
   * {@code See merge request group/project!45}. The subject's forms win over the message's.
   *
   * @param subject the first line of the message
   * @param message the whole message
   */
  public static OptionalInt pullRequest(String subject, String message) {
    String firstLine = subject.lines().findFirst().orElse("");
    for (Pattern form : PULL_REQUEST_SUBJECTS) {
      Matcher matcher = form.matcher(firstLine);
      if (matcher.find()) {
        OptionalInt number = number(matcher.group(1));
        if (number.isPresent()) {
          return number;
        }
      }
    }
    Matcher gitlab = GITLAB_MERGE_REQUEST.matcher(normalise(message));
    while (gitlab.find()) {
      OptionalInt number = number(gitlab.group(1));
      if (number.isPresent()) {
        return number;
      }
    }
    return OptionalInt.empty();
  }

  /** A positive number that fits an int; zero or an overflow is no pull request. */
  private static OptionalInt number(String digits) {
    String significant = digits.replaceFirst("^0+", "");
    if (significant.isEmpty() || significant.length() > 10) {
      return OptionalInt.empty();
    }
    long value = Long.parseLong(significant);
    return value <= Integer.MAX_VALUE ? OptionalInt.of((int) value) : OptionalInt.empty();
  }

  /** CRLF line ends would keep {@code $} from matching before them. */
  private static String normalise(String message) {
    return message.replace("\r\n", "\n");
  }
}
