package dev.goodhart.git.oracle;

import dev.goodhart.git.RepositoryScanner;
import dev.goodhart.model.git.CommitFact;
import dev.goodhart.model.git.CommittedLines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The lines a scan followed one by one ({@link CommittedLines}) against {@code git blame}: every
 * commit has as many followed lines as it wrote, and its lines alive at a state of the branch are
 * exactly the origin lines blame attributes to it there (by place and by hash). A line counts once
 * however many copies a merge made of it: provenance follows a line as written.
 */
final class LineProvenanceChecks {
  private LineProvenanceChecks() {}

  /** The followed lines of a scan, by commit. */
  static Map<String, List<CommittedLines>> bySha(RepositoryScanner.Result result) {
    Map<String, List<CommittedLines>> bySha = new HashMap<>();
    for (CommittedLines lines : result.lines().lines()) {
      bySha.computeIfAbsent(lines.sha(), k -> new ArrayList<>()).add(lines);
    }
    return bySha;
  }

  /** Null when the lines followed agree with blame at the head, else the first difference. */
  static @Nullable String checkHead(
      Path repository, String branch, RepositoryScanner.Result result) {
    Map<String, List<CommittedLines>> bySha = bySha(result);
    Map<String, Map<String, Long>> blamed = BlameOracle.originLinesAt(repository, branch);
    for (CommitFact commit : result.commits()) {
      List<CommittedLines> files = bySha.getOrDefault(commit.sha(), List.of());
      long written = files.stream().mapToLong(CommittedLines::size).sum();
      if (written != commit.fate().written()) {
        return "commit %s: %d lines followed, %d written"
            .formatted(commit.sha(), written, commit.fate().written());
      }
      String differs =
          compare(commit.sha(), files, blamed.getOrDefault(commit.sha(), Map.of()), Long.MAX_VALUE);
      if (differs != null) {
        return "at head, " + differs;
      }
    }
    return null;
  }

  /**
   * Null when the commit's lines alive at {@code epochSeconds} ({@link Long#MAX_VALUE}: at the
   * head) are blame's {@code origins}, else what differs.
   */
  static @Nullable String compare(
      String sha, List<CommittedLines> files, Map<String, Long> origins, long epochSeconds) {
    Map<String, Long> followed = new HashMap<>();
    for (CommittedLines file : files) {
      for (int line = 0; line < file.size(); line++) {
        boolean alive =
            epochSeconds == Long.MAX_VALUE
                ? file.aliveAtHead(line)
                : file.aliveAt(line, epochSeconds);
        if (alive) {
          followed.put(file.path() + ":" + (file.position(line) + 1), file.hash(line));
        }
      }
    }
    if (!followed.equals(origins)) {
      return "commit %s: followed %d lines alive, blame %d (only followed: %s; only blame: %s)"
          .formatted(
              sha,
              followed.size(),
              origins.size(),
              minus(followed, origins),
              minus(origins, followed));
    }
    return null;
  }

  private static List<String> minus(Map<String, Long> a, Map<String, Long> b) {
    List<String> only = new ArrayList<>();
    a.forEach(
        (key, hash) -> {
          if (!hash.equals(b.get(key)) && only.size() < 5) {
            only.add(key);
          }
        });
    return only;
  }
}
