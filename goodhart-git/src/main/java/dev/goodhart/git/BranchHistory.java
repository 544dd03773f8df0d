package dev.goodhart.git;

import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shape of a branch's history, read before the walk: its head, its first-parent chain, and how
 * many children every commit has (so the walk knows when a tree can be let go).
 */
record BranchHistory(
    String head,
    List<String> chain,
    List<Instant> chainTimes,
    Map<String, Integer> children,
    int commits) {

  /** The default branch: origin's HEAD, else {@code main}, else {@code master}. */
  static String defaultBranch(Git git) {
    Optional<String> origin = git.tryRun("symbolic-ref", "--quiet", "refs/remotes/origin/HEAD");
    if (origin.isPresent() && !origin.get().isBlank()) {
      return origin.get().strip().replaceFirst("^refs/remotes/", "");
    }
    for (String candidate : List.of("main", "master")) {
      if (git.tryRun("rev-parse", "--verify", "--quiet", "refs/heads/" + candidate).isPresent()) {
        return candidate;
      }
    }
    Optional<String> current = git.tryRun("symbolic-ref", "--quiet", "--short", "HEAD");
    if (current.isPresent() && !current.get().isBlank()) {
      return current.get().strip();
    }
    throw new GoodhartException(
        ErrorCode.UNKNOWN_BRANCH,
        "'%s' has no origin/HEAD, main or master branch; name one with --branch"
            .formatted(git.repository()));
  }

  /** The sha of {@code branch}'s head, or a usage error naming the branch. */
  static String head(Git git, String branch) {
    return git.tryRun("rev-parse", "--verify", "--quiet", branch + "^{commit}")
        .map(String::strip)
        .orElseThrow(
            () ->
                new GoodhartException(
                    ErrorCode.UNKNOWN_BRANCH,
                    "branch '%s' does not exist in '%s'; name another with --branch"
                        .formatted(branch, git.repository())));
  }

  /** The history below {@code head}, a commit's sha. */
  static BranchHistory read(Git git, String head) {
    List<String> chain = new ArrayList<>();
    List<Instant> times = new ArrayList<>();
    for (String line :
        git.run("log", "--first-parent", "--reverse", "--format=%H %ct", head).split("\n")) {
      if (!line.isBlank()) {
        int space = line.indexOf(' ');
        chain.add(line.substring(0, space));
        times.add(Instant.ofEpochSecond(Long.parseLong(line.substring(space + 1).strip())));
      }
    }
    Map<String, Integer> children = new HashMap<>();
    int commits = 0;
    for (String line : git.run("rev-list", "--parents", head).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      commits++;
      String[] shas = line.split(" ");
      for (int i = 1; i < shas.length; i++) {
        children.merge(shas[i], 1, Integer::sum);
      }
    }
    return new BranchHistory(head, chain, times, children, commits);
  }
}
