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

  /**
   * The commits below {@code head} that are not below {@code previous}, when the walk can go on
   * from {@code previous}: it is an ancestor of {@code head} on its first-parent chain, and every
   * new commit's parents are new commits or {@code previous}. Empty otherwise (a force-push, or a
   * merge of a branch that forked before {@code previous}): the whole history must be walked.
   */
  static Optional<BranchHistory> readSince(Git git, String head, String previous) {
    if (!head.equals(previous)
        && git.tryRun("merge-base", "--is-ancestor", previous, head).isEmpty()) {
      return Optional.empty();
    }
    BranchHistory whole = chainOnly(git, head);
    if (!whole.chain().contains(previous)) {
      return Optional.empty();
    }
    Map<String, Integer> children = new HashMap<>();
    java.util.Set<String> fresh = new java.util.HashSet<>();
    List<String[]> lines = new ArrayList<>();
    if (!head.equals(previous)) {
      for (String line : git.run("rev-list", "--parents", head, "^" + previous).split("\n")) {
        if (!line.isBlank()) {
          String[] shas = line.split(" ");
          fresh.add(shas[0]);
          lines.add(shas);
        }
      }
    }
    for (String[] shas : lines) {
      for (int i = 1; i < shas.length; i++) {
        if (!fresh.contains(shas[i]) && !shas[i].equals(previous)) {
          return Optional.empty();
        }
        children.merge(shas[i], 1, Integer::sum);
      }
    }
    return Optional.of(
        new BranchHistory(head, whole.chain(), whole.chainTimes(), children, fresh.size()));
  }

  private static BranchHistory chainOnly(Git git, String head) {
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
    return new BranchHistory(head, chain, times, Map.of(), chain.size());
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
