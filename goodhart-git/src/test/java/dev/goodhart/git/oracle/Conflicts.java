package dev.goodhart.git.oracle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Settles what {@code -X ours} and {@code -X theirs} cannot: a file changed on one side and deleted
 * on the other stops a merge, a squash or a revert. Each conflicted file becomes the chosen side's
 * version, or goes away where that side has none, so the command can always be committed.
 */
final class Conflicts {
  private Conflicts() {}

  /** Settles every conflicted file; returns false when there was none. */
  static boolean settle(GitCli git, Side side) {
    Map<String, Set<Integer>> stages = new TreeMap<>();
    // "<mode> <object> <stage>\t<path>", one entry per side that has the file.
    for (String entry : git.run("ls-files", "-u", "-z").split("\0")) {
      if (!entry.isEmpty()) {
        int tab = entry.indexOf('\t');
        int stage = entry.charAt(tab - 1) - '0';
        stages.computeIfAbsent(entry.substring(tab + 1), path -> new TreeSet<>()).add(stage);
      }
    }
    if (stages.isEmpty()) {
      return false;
    }
    List<String> taken = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    stages.forEach((path, present) -> (present.contains(side.stage) ? taken : dropped).add(path));
    if (!taken.isEmpty()) {
      git.run(withPaths(List.of("checkout", side.checkoutOption, "--"), taken));
      git.run(withPaths(List.of("add", "--"), taken));
    }
    if (!dropped.isEmpty()) {
      git.run(withPaths(List.of("rm", "-q", "-f", "--"), dropped));
    }
    return true;
  }

  private static List<String> withPaths(List<String> command, List<String> paths) {
    List<String> all = new ArrayList<>(command);
    all.addAll(paths);
    return all;
  }
}
