package dev.goodhart.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A feature branch in flight: forked from the main line, it changes only files that no one else
 * touches until it is merged (the ones it reserved at the fork, and new ones). So the merge's tree
 * is the main line's with the branch's files laid over it, which is what git's own merge would
 * make, and the generator can write it without merging anything.
 */
final class FeatureBranch {
  final int pullRequest;
  final String name;
  final String title;
  final int plannedCommits;
  int commits;

  /** The mark of the branch's last commit: the fork point until the branch has one of its own. */
  int tip;

  /** Main-line files the branch may change; the main line leaves them alone meanwhile. */
  final Set<String> reserved;

  /** The files the branch controls, as they are at its tip. */
  final Map<String, List<String>> files = new LinkedHashMap<>();

  /** Reserved files the branch deleted or renamed away. */
  final Set<String> gone = new LinkedHashSet<>();

  FeatureBranch(
      int pullRequest,
      String name,
      String title,
      int plannedCommits,
      int fork,
      Map<String, List<String>> reservedFiles) {
    this.pullRequest = pullRequest;
    this.name = name;
    this.title = title;
    this.plannedCommits = plannedCommits;
    this.tip = fork;
    this.reserved = Set.copyOf(reservedFiles.keySet());
    files.putAll(reservedFiles);
  }

  boolean finished() {
    return commits >= plannedCommits;
  }

  /** How many text files the merge will add to the main line (negative: remove). */
  int netFiles() {
    return files.size() - reserved.size();
  }

  List<String> paths() {
    return new ArrayList<>(files.keySet());
  }

  void remove(String path) {
    files.remove(path);
    if (reserved.contains(path)) {
      gone.add(path);
    }
  }
}
