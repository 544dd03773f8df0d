package dev.goodhart.synthetic.org;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What git itself says of a built repository's lines, the oracle the truth's line by line fates
 * rest on: each commit's own lines (those its zero-context diff against its first parent adds, as
 * {@code git blame} attributes them), which of a merged branch's lines a merge brought to main
 * ({@code git blame} at the merge), and which are there at main's head ({@code git blame} there).
 * The organisation knows who wrote what; only git knows which of two identical lines (two closing
 * brackets, two blank lines) a diff kept and which it took for new, and that decides whose line
 * survives. A commit's lines are read at once; their fates only for the files asked for ({@link
 * #settle}), since a {@code git blame} per file is what this costs.
 */
final class GitLines {
  private static final Pattern HUNK =
      Pattern.compile("^@@ -\\d+(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@");
  private static final Pattern BLAME = Pattern.compile("^([0-9a-f]{40}) (\\d+) \\d+(?: \\d+)?$");

  /**
   * A commit's own lines in one file, in file order, and (once settled) their fates.
   *
   * @param positions 0-based line numbers in the commit's version of the file
   * @param entered whether each line entered main (at the commit, or at the merge that brought it)
   * @param alive whether each line is at main's head
   */
  record FileLines(
      String sha,
      String path,
      int[] positions,
      String[] texts,
      boolean[] entered,
      boolean[] alive,
      boolean[] settled) {
    int size() {
      return positions.length;
    }
  }

  /** A line a commit's diff adds: its 0-based position in the commit's version, its text. */
  private record Added(int position, String text) {}

  /** The non-merge commits reachable from main that added lines, by sha; files by path. */
  final Map<String, List<FileLines>> bySha;

  private final GitCommand git;
  private final Set<String> chain;

  /** For a commit of a branch merged with a merge commit, that merge. */
  private final Map<String, String> mergedBy = new HashMap<>();

  /** {@code "sha path line"} of the lines at a revision, by revision and path. */
  private final Map<String, Set<String>> blamed = new HashMap<>();

  private GitLines(
      Map<String, List<FileLines>> bySha, GitCommand git, Set<String> chain, List<Task> tasks) {
    this.bySha = bySha;
    this.git = git;
    this.chain = chain;
    for (Task task : tasks) {
      PlannedCommit merge = task.landed;
      if (task.ending == Task.Ending.MERGE && merge != null) {
        task.commits.forEach(commit -> mergedBy.put(commit.sha(), merge.sha()));
      }
    }
  }

  /** Reads the lines of the repository that {@link GitBuild} made of {@code repository}. */
  static GitLines read(List<Task> tasks, GitCommand git) {
    Map<String, List<FileLines>> bySha = new LinkedHashMap<>();
    added(git)
        .forEach(
            (sha, files) -> {
              List<FileLines> lines = new ArrayList<>();
              files.forEach(
                  (path, rows) -> {
                    int size = rows.size();
                    int[] positions = new int[size];
                    String[] texts = new String[size];
                    for (int i = 0; i < size; i++) {
                      positions[i] = rows.get(i).position();
                      texts[i] = rows.get(i).text();
                    }
                    lines.add(
                        new FileLines(
                            sha,
                            path,
                            positions,
                            texts,
                            new boolean[size],
                            new boolean[size],
                            new boolean[1]));
                  });
              bySha.put(sha, lines);
            });
    Set<String> chain =
        new HashSet<>(
            List.of(git.run("rev-list", "--first-parent", RepositoryModel.MAIN).split("\n")));
    return new GitLines(bySha, git, chain, tasks);
  }

  /**
   * Works out which of the file's lines entered main and which are at its head: a line at the head
   * entered main; a branch's line that is not there entered if the merge of its branch held it.
   */
  void settle(FileLines file) {
    if (file.settled()[0]) {
      return;
    }
    file.settled()[0] = true;
    Set<String> head = blamed(RepositoryModel.MAIN, file.path());
    String merge = mergedBy.get(file.sha());
    for (int i = 0; i < file.size(); i++) {
      String key = file.sha() + " " + file.path() + " " + (file.positions()[i] + 1);
      file.alive()[i] = head.contains(key);
      file.entered()[i] =
          file.alive()[i]
              || chain.contains(file.sha())
              || (merge != null && blamed(merge, file.path()).contains(key));
    }
  }

  private Set<String> blamed(String revision, String path) {
    return blamed.computeIfAbsent(revision + " " + path, key -> blame(git, revision, path));
  }

  /**
   * {@code git log -p -U0} of main's non-merge commits: per commit, per file, each added line's
   * 0-based position in the commit's version and its text.
   */
  private static Map<String, Map<String, List<Added>>> added(GitCommand git) {
    String log =
        git.run(
            "log",
            "-p",
            "-U0",
            "--no-merges",
            "--no-renames",
            "--no-color",
            "--no-ext-diff",
            "--format=%x01%H",
            RepositoryModel.MAIN,
            "--");
    Map<String, Map<String, List<Added>>> commits = new LinkedHashMap<>();
    Map<String, List<Added>> files = null;
    List<Added> rows = null;
    int oldLeft = 0;
    int newLeft = 0;
    int position = 0;
    for (String line : log.split("\n", -1)) {
      if (oldLeft > 0 || newLeft > 0) {
        if (line.startsWith("-")) {
          oldLeft--;
        } else if (line.startsWith("+")) {
          rows.add(new Added(position++, line.substring(1)));
          newLeft--;
        }
        continue; // "\ No newline at end of file" counts as neither
      }
      if (line.startsWith("\u0001")) {
        files = new TreeMap<>();
        commits.put(line.substring(1).strip(), files);
      } else if (line.startsWith("+++ ")) {
        String path = line.substring(4);
        rows = path.equals("/dev/null") ? null : new ArrayList<>();
        if (rows != null) {
          files.put(path.substring(2), rows);
        }
      } else if (line.startsWith("@@ ")) {
        Matcher hunk = HUNK.matcher(line);
        if (!hunk.find()) {
          throw new GitFailedException(
              "git log printed a hunk header git never prints: " + line, null);
        }
        oldLeft = hunk.group(1) == null ? 1 : Integer.parseInt(hunk.group(1));
        newLeft = hunk.group(3) == null ? 1 : Integer.parseInt(hunk.group(3));
        position = Integer.parseInt(hunk.group(2)) - (newLeft == 0 ? 0 : 1);
        if (rows == null) {
          newLeft = 0; // a deletion: only old lines follow
        }
      }
    }
    // A commit that only deletes adds no line: git blame gives it none, and provenance knows none.
    commits.values().forEach(map -> map.values().removeIf(List::isEmpty));
    commits.values().removeIf(Map::isEmpty);
    return commits;
  }

  /**
   * {@code "sha path line"} (1-based, in the origin commit) of every line of the file at {@code
   * rev}; none when the file is not there.
   */
  private static Set<String> blame(GitCommand git, String rev, String path) {
    Set<String> keys = new HashSet<>();
    String porcelain;
    try {
      porcelain = git.run("blame", "--porcelain", rev, "--", path);
    } catch (GitFailedException gone) {
      return keys; // the file was deleted (a revert of its creation)
    }
    for (String line : porcelain.split("\n")) {
      if (line.isEmpty() || line.charAt(0) == '\t') {
        continue;
      }
      Matcher matcher = BLAME.matcher(line);
      if (matcher.matches()) {
        keys.add(matcher.group(1) + " " + path + " " + matcher.group(2));
      }
    }
    return keys;
  }
}
