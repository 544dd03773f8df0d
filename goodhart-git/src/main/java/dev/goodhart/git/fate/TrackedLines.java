package dev.goodhart.git.fate;

import dev.goodhart.git.history.FileChange;
import dev.goodhart.git.history.FollowedPaths;
import dev.goodhart.model.git.CommittedLines;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The lines of the commits whose lines are followed one by one, for line provenance: the commits
 * made since {@link #since()}, the agent era. Each own line of such a commit gets an ordinal (its
 * place among the commit's own lines) that travels with it through the trees, as its owner does;
 * here each is recorded with where it was born, its {@link dev.goodhart.model.git.LineHash}, and
 * when it entered the branch's first-parent chain and when it left it. Older commits' lines carry
 * no ordinal and cost nothing.
 */
final class TrackedLines {
  private final @Nullable Instant since;
  private final FollowedPaths paths;
  private final Map<Integer, Commit> byOwner;

  /**
   * @param since commits made at or after it are followed line by line; null: none
   * @param paths the files whose lines are followed
   */
  TrackedLines(@Nullable Instant since, FollowedPaths paths) {
    this(since, paths, new TreeMap<>());
  }

  private TrackedLines(@Nullable Instant since, FollowedPaths paths, Map<Integer, Commit> byOwner) {
    this.since = since;
    this.paths = paths;
    this.byOwner = byOwner;
    byOwner.forEach(this::index);
  }

  /**
   * The same records by owner in an array: owners are commits' places in the walk, so dense, and a
   * step looks one up per line that entered or left.
   */
  private Commit[] dense = new Commit[0];

  private void index(int owner, Commit commit) {
    if (owner >= dense.length) {
      dense = Arrays.copyOf(dense, Math.max(owner + 1, dense.length * 2));
    }
    dense[owner] = commit;
  }

  private @Nullable Commit lookup(int owner) {
    return owner >= 0 && owner < dense.length ? dense[owner] : null;
  }

  @Nullable Instant since() {
    return since;
  }

  FollowedPaths paths() {
    return paths;
  }

  /** Whether a commit made at {@code committedAt} has its lines followed. */
  boolean tracks(Instant committedAt) {
    return since != null && !committedAt.isBefore(since);
  }

  /** Whether a commit made at {@code committedAt} has its lines in this changed file followed. */
  boolean tracks(Instant committedAt, FileChange change) {
    return tracks(committedAt) && paths.follows(change.oldPath(), change.newPath());
  }

  /** The record of commit {@code owner}'s lines, made on first use. */
  Commit commit(int owner, String sha) {
    Commit commit = lookup(owner);
    if (commit == null) {
      commit = new Commit(sha);
      byOwner.put(owner, commit);
      index(owner, commit);
    }
    return commit;
  }

  /**
   * Records the lines that entered and left the branch in one step of its chain: {@code before} is
   * the previous state's tree, {@code after} the changed files' lines in this one. When a file was
   * made from its previous version by the change's hunks (a commit with one parent), only the lines
   * inside the hunks can differ; otherwise (a merge, a file that turned binary) every line is
   * compared. Lines are compared over the whole step, so a line that moves with a file stays.
   */
  void step(
      List<FileChange> changes,
      Map<String, FileLines> before,
      List<@Nullable FileLines> after,
      boolean fromHunks,
      long when) {
    if (byOwner.isEmpty()) {
      return;
    }
    Ids gone = new Ids();
    Ids come = new Ids();
    for (int i = 0; i < changes.size(); i++) {
      FileChange change = changes.get(i);
      FileLines old = change.oldPath() == null ? null : before.get(change.oldPath());
      FileLines now = after.get(i);
      if (old == now) {
        continue;
      }
      // Made from the old version by the hunks: one parent, both sides text, and blame took the
      // lines from where the diff paired the file (not another source, nor a type change).
      boolean derived =
          fromHunks
              && old != null
              && now != null
              && old.hasLines()
              && now.hasLines()
              && !change.binary()
              && change.followed() == change;
      gone.addFrom(old, derived ? change.hunks() : null, 0);
      come.addFrom(now, derived ? change.hunks() : null, 2);
    }
    if (gone.count == 0 && come.count == 0) {
      return;
    }
    // Copies that came are counted before those that went: a line that moved within the step
    // never drops to no copy on the way, so only a real entry or exit is recorded.
    come.apply(this, 1, when);
    gone.apply(this, -1, when);
  }

  /** After a resume: the copies the earlier walk's head holds. */
  void countOnBranch(Map<String, FileLines> headTree) {
    for (FileLines lines : headTree.values()) {
      int[] ordinals = lines.ordinals();
      if (ordinals == null) {
        continue;
      }
      for (int line = 0; line < ordinals.length; line++) {
        if (ordinals[line] >= 0) {
          Commit commit = lookup(FileLines.owner(lines.tokens()[line]));
          if (commit != null && ordinals[line] < commit.count) {
            commit.copies[ordinals[line]]++;
          }
        }
      }
    }
  }

  /** Line ids (owner and ordinal) collected over a step. */
  private static final class Ids {
    long[] values = new long[64];
    int count;

    /**
     * The followed lines of a file: all of them, or those inside the hunks' ranges on one side
     * ({@code side} 0: old, 2: new).
     */
    void addFrom(@Nullable FileLines lines, int @Nullable [] hunks, int side) {
      if (lines == null || lines.ordinals() == null) {
        return;
      }
      int[] tokens = lines.tokens();
      int[] ordinals = lines.ordinals();
      if (hunks == null) {
        for (int line = 0; line < ordinals.length; line++) {
          add(tokens, ordinals, line);
        }
        return;
      }
      for (int h = 0; h < hunks.length; h += 4) {
        int lineCount = hunks[h + side + 1];
        int first = lineCount > 0 ? hunks[h + side] - 1 : hunks[h + side];
        for (int line = first; line < first + lineCount && line < ordinals.length; line++) {
          add(tokens, ordinals, line);
        }
      }
    }

    private void add(int[] tokens, int[] ordinals, int line) {
      if (ordinals[line] < 0) {
        return;
      }
      if (count == values.length) {
        values = Arrays.copyOf(values, count * 2);
      }
      values[count++] = id(FileLines.owner(tokens[line]), ordinals[line]);
    }

    /** Each line's copies went up or down by {@code delta}. */
    void apply(TrackedLines tracked, int delta, long when) {
      for (int k = 0; k < count; k++) {
        Commit commit = tracked.lookup((int) (values[k] >>> 32));
        if (commit != null) {
          commit.copies((int) values[k], delta, when);
        }
      }
    }
  }

  private static long id(int owner, int ordinal) {
    return ((long) owner << 32) | ordinal;
  }

  /** Every followed commit's lines, per commit (in walk order) and file. */
  List<CommittedLines> result() {
    List<CommittedLines> result = new ArrayList<>();
    for (Commit commit : byOwner.values()) {
      commit.addTo(result);
    }
    return result;
  }

  /** What the next walk needs: every record, by owner. */
  Map<Integer, Commit> records() {
    return byOwner;
  }

  /** Goes on from an earlier walk's records, following {@code paths} from now on. */
  static TrackedLines restore(
      @Nullable Instant since, FollowedPaths paths, Map<Integer, Commit> records) {
    return new TrackedLines(since, paths, new TreeMap<>(records));
  }

  /**
   * One commit's own lines: per file where they are and their hashes; per line its entry and exit.
   */
  static final class Commit {
    final String sha;
    final List<File> files = new ArrayList<>(1);
    int count;
    long[] entered = new long[0];
    long[] left = new long[0];

    /**
     * How many copies of each line the branch's current state holds, by ordinal. Kept here rather
     * than in one map keyed by owner and ordinal: such keys hash alike (owner XOR ordinal), and the
     * map's collisions cost more than the walk.
     */
    int[] copies = new int[0];

    /** Times a line was away between entries: line ordinal, left, came back. */
    long[] gaps = new long[0];

    Commit(String sha) {
      this.sha = sha;
    }

    /** Records a file's own lines; returns the ordinal of the first. */
    int addFile(String path, @Nullable String renamedFrom, int[] positions, long[] hashes) {
      int first = count;
      files.add(new File(path, renamedFrom, first, positions, hashes));
      count += positions.length;
      if (entered.length < count) {
        int size = Math.max(count, entered.length * 2);
        int old = entered.length;
        entered = Arrays.copyOf(entered, size);
        left = Arrays.copyOf(left, size);
        copies = Arrays.copyOf(copies, size);
        Arrays.fill(entered, old, size, CommittedLines.NEVER);
        Arrays.fill(left, old, size, CommittedLines.NEVER);
      }
      return first;
    }

    /** The line's copies went up or down by {@code delta}. */
    void copies(int ordinal, int delta, long when) {
      if (ordinal >= count) {
        return;
      }
      int before = copies[ordinal];
      int after = Math.max(0, before + delta);
      copies[ordinal] = after;
      if (before == 0 && after > 0) {
        entered(ordinal, when);
      } else if (before > 0 && after == 0) {
        left[ordinal] = when;
      }
    }

    private void entered(int ordinal, long when) {
      if (entered[ordinal] == CommittedLines.NEVER) {
        entered[ordinal] = when;
      } else if (left[ordinal] != CommittedLines.NEVER) {
        // Back on the branch: a merge brought again a line the branch had dropped.
        gaps = Arrays.copyOf(gaps, gaps.length + 3);
        gaps[gaps.length - 3] = ordinal;
        gaps[gaps.length - 2] = left[ordinal];
        gaps[gaps.length - 1] = when;
      }
      left[ordinal] = CommittedLines.NEVER;
    }

    void addTo(List<CommittedLines> result) {
      for (File file : files) {
        int n = file.positions().length;
        int first = file.firstOrdinal();
        long[] fileGaps = new long[0];
        for (int g = 0; g < gaps.length; g += 3) {
          if (gaps[g] >= first && gaps[g] < first + n) {
            fileGaps = Arrays.copyOf(fileGaps, fileGaps.length + 3);
            fileGaps[fileGaps.length - 3] = gaps[g] - first;
            fileGaps[fileGaps.length - 2] = gaps[g + 1];
            fileGaps[fileGaps.length - 1] = gaps[g + 2];
          }
        }
        result.add(
            new CommittedLines(
                sha,
                file.path(),
                file.renamedFrom(),
                file.positions(),
                file.hashes(),
                Arrays.copyOfRange(entered, first, first + n),
                Arrays.copyOfRange(left, first, first + n),
                fileGaps));
      }
    }
  }

  /** The own lines a commit wrote into one file. */
  record File(
      String path,
      @Nullable String renamedFrom,
      int firstOrdinal,
      int[] positions,
      long[] hashes) {}

  /** For a snapshot: a record rebuilt with its lines' entries, exits and gaps. */
  static Commit restoreCommit(
      String sha, List<File> files, long[] entered, long[] left, long[] gaps) {
    Commit commit = new Commit(sha);
    for (File file : files) {
      commit.addFile(file.path(), file.renamedFrom(), file.positions(), file.hashes());
    }
    System.arraycopy(entered, 0, commit.entered, 0, commit.count);
    System.arraycopy(left, 0, commit.left, 0, commit.count);
    commit.gaps = gaps.clone();
    return commit;
  }

  /** Empty maps for a walk that follows nothing. */
  static Map<Integer, Commit> none() {
    return new HashMap<>();
  }
}
