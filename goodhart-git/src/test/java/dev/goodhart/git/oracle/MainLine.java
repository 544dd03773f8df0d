package dev.goodhart.git.oracle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The commits on the main branch and the files each changed, to find commits that can be reverted
 * cleanly: those whose files no later commit has touched. A revert is then a plain reversal, as
 * most real reverts are, and never stops on a conflict.
 */
final class MainLine {
  record Landed(String sha, boolean merge, Set<String> paths, int sequence) {}

  private final List<Landed> landed = new ArrayList<>();
  private final Map<String, Integer> lastTouched = new HashMap<>();

  void land(String sha, boolean merge, Set<String> paths) {
    int sequence = landed.size();
    landed.add(new Landed(sha, merge, Set.copyOf(paths), sequence));
    for (String path : paths) {
      lastTouched.put(path, sequence);
    }
  }

  /** A random commit (a merge or not) whose changes are all still as it left them. */
  Optional<Landed> revertable(boolean merge, Random random) {
    List<Landed> candidates = new ArrayList<>();
    for (Landed commit : landed) {
      if (commit.merge() == merge && !commit.paths().isEmpty() && untouchedSince(commit)) {
        candidates.add(commit);
      }
    }
    return candidates.isEmpty()
        ? Optional.empty()
        : Optional.of(candidates.get(random.nextInt(candidates.size())));
  }

  private boolean untouchedSince(Landed commit) {
    return commit.paths().stream().allMatch(path -> lastTouched.get(path) == commit.sequence());
  }
}
