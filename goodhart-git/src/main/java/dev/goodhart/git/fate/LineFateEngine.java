package dev.goodhart.git.fate;

import static java.util.Objects.requireNonNull;

import dev.goodhart.git.history.FileChange;
import dev.goodhart.git.history.FollowedPaths;
import dev.goodhart.git.history.HistoryCommit;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Attributes every line of every commit's tree to a commit, as {@code git blame} would, by
 * replaying the history parents first. For a file that a commit changed, blame's own rules decide
 * (blame.c, {@code pass_blame}): if any parent has the identical blob, every line comes from the
 * first such parent (one with the file at the same path before one it was renamed from); otherwise
 * the lines that are unchanged against the first parent come from it, of the rest those unchanged
 * against the second parent come from the second, and so on; what is left is the commit's own.
 * "Unchanged" is decided by git's diff with zero lines of context, the same diff blame runs. A
 * parent's file is the one at the same path, or, when the path is new in that parent, the rename
 * source blame would find ({@link FileChange#followed}); across a type change there is none.
 *
 * <p>A commit's tree is only kept while a child still needs it, so memory is the trees of the
 * branches in flight, not the history. Trees share the line arrays of files they did not change.
 */
public final class LineFateEngine {
  private final FirstParentChain chain;
  private final Map<String, Integer> childrenLeft;
  private final AiLines aiLines;
  private final LineCounter lineCounter;
  private final ChainLedger ledger;
  private @Nullable String lastSha;
  private @Nullable Map<String, FileLines> lastTree;
  private final Map<String, Integer> indexOf = new HashMap<>();
  private final Map<String, Map<String, FileLines>> trees = new HashMap<>();
  private final List<String> shas = new ArrayList<>();
  private long[] written = new long[1024];
  private long[] aiWritten = new long[1024];
  private final TrackedLines tracked;

  /**
   * @param chain the branch's first-parent chain, oldest first
   * @param children how many children each commit of the walk has within it
   * @param now the moment of the scan: later moments are not known yet
   */
  public LineFateEngine(
      FirstParentChain chain,
      Map<String, Integer> children,
      Instant now,
      AiLines aiLines,
      LineCounter lineCounter) {
    this(chain, children, now, aiLines, lineCounter, (Instant) null, FollowedPaths.ALL);
  }

  /**
   * An engine that also follows, line by line, the lines of the commits made since {@code
   * linesSince} (null: none) in the files {@code paths} follows, for line provenance: see {@link
   * LineFateResult#lines()}.
   */
  public LineFateEngine(
      FirstParentChain chain,
      Map<String, Integer> children,
      Instant now,
      AiLines aiLines,
      LineCounter lineCounter,
      @Nullable Instant linesSince,
      FollowedPaths paths) {
    this.chain = requireNonNull(chain, "chain is null");
    this.childrenLeft = new HashMap<>(requireNonNull(children, "children is null"));
    this.aiLines = requireNonNull(aiLines, "aiLines is null");
    this.lineCounter = requireNonNull(lineCounter, "lineCounter is null");
    this.tracked = new TrackedLines(linesSince, requireNonNull(paths, "paths is null"));
    this.ledger = new ChainLedger(chain, requireNonNull(now, "now is null"), tracked);
  }

  /** Takes the next commit; its parents must have been given before. */
  public void accept(HistoryCommit commit) {
    int index = shas.size();
    shas.add(commit.sha());
    indexOf.put(commit.sha(), index);
    grow(index);
    List<Map<String, FileLines>> parentTrees = new ArrayList<>(commit.parents().size());
    for (String parent : commit.parents()) {
      Map<String, FileLines> tree = trees.get(parent);
      if (tree == null) {
        throw new GoodhartException(
            ErrorCode.INTERNAL_ERROR,
            "commit %s came before its parent %s in the history walk"
                .formatted(commit.sha(), parent));
      }
      parentTrees.add(tree);
    }
    Map<String, FileLines> first = parentTrees.isEmpty() ? Map.of() : parentTrees.getFirst();
    List<FileChange> changes = commit.firstParentChanges();

    // Every changed file's lines are worked out against the parents before the new tree is made,
    // so that a tree taken over from the parent is read before it is written.
    List<Map<String, FileChange>> otherSections = new ArrayList<>();
    for (int p = 1; p < commit.sections().size(); p++) {
      Map<String, FileChange> byPath = new HashMap<>();
      for (FileChange change : commit.sections().get(p)) {
        if (change.newPath() != null) {
          byPath.put(change.newPath(), change);
        }
      }
      otherSections.add(byPath);
    }
    List<FileLines> resolved = new ArrayList<>(changes.size());
    for (FileChange change : changes) {
      resolved.add(
          change.newPath() == null
              ? null
              : resolve(commit, index, change, parentTrees, otherSections));
    }
    // Questions first: a chain commit's own state may be the one that answers them.
    ledger.registerQueries(index, commit.committedAt());
    if (chain.contains(commit.sha())) {
      ledger.step(
          commit.sha(),
          index,
          commit.committedAt(),
          changes,
          first,
          resolved,
          commit.parents().size() <= 1);
    }

    Map<String, FileLines> tree = takeOrCopy(commit.parents(), first);
    for (int i = 0; i < changes.size(); i++) {
      FileChange change = changes.get(i);
      if (change.oldPath() != null
          && (change.newPath() == null || !change.oldPath().equals(change.newPath()))) {
        tree.remove(change.oldPath());
      }
      if (change.newPath() != null) {
        tree.put(change.newPath(), resolved.get(i));
      }
    }
    release(commit.parents());
    if (childrenLeft.getOrDefault(commit.sha(), 0) > 0) {
      trees.put(commit.sha(), tree);
    }
    lastSha = commit.sha();
    lastTree = tree;
  }

  /**
   * A walk that goes on from an earlier one's snapshot: the earlier head's tree and every commit's
   * counts so far. The new commits' parents must be new commits or the earlier head. From now on it
   * follows the files of {@code paths}, which must {@link FollowedPaths#extend} the snapshot's.
   */
  public static LineFateEngine resume(
      EngineSnapshot snapshot,
      FirstParentChain chain,
      Map<String, Integer> children,
      Instant now,
      AiLines aiLines,
      LineCounter lineCounter,
      FollowedPaths paths) {
    LineFateEngine engine =
        new LineFateEngine(chain, children, now, aiLines, lineCounter, snapshot, paths);
    // The earlier walk's followed lines go on being followed, from the moment it chose.
    engine.shas.addAll(snapshot.shas());
    for (int i = 0; i < snapshot.shas().size(); i++) {
      engine.indexOf.put(snapshot.shas().get(i), i);
    }
    engine.grow(snapshot.shas().size());
    System.arraycopy(snapshot.written(), 0, engine.written, 0, snapshot.shas().size());
    System.arraycopy(snapshot.aiWritten(), 0, engine.aiWritten, 0, snapshot.shas().size());
    engine.trees.put(snapshot.head(), new HashMap<>(snapshot.headTree()));
    engine.childrenLeft.putIfAbsent(snapshot.head(), 0);
    engine.lastSha = snapshot.head();
    engine.lastTree = snapshot.headTree();
    return engine;
  }

  private LineFateEngine(
      FirstParentChain chain,
      Map<String, Integer> children,
      Instant now,
      AiLines aiLines,
      LineCounter lineCounter,
      EngineSnapshot snapshot,
      FollowedPaths paths) {
    this.chain = requireNonNull(chain, "chain is null");
    this.childrenLeft = new HashMap<>(requireNonNull(children, "children is null"));
    this.aiLines = requireNonNull(aiLines, "aiLines is null");
    this.lineCounter = requireNonNull(lineCounter, "lineCounter is null");
    this.tracked = TrackedLines.restore(snapshot.linesSince(), paths, snapshot.trackedCommits());
    tracked.countOnBranch(snapshot.headTree());
    this.ledger = ChainLedger.resume(snapshot.ledger(), chain, snapshot.head(), now, tracked);
  }

  /** What the next walk needs to go on from this one: call after the head was given. */
  public EngineSnapshot snapshot() {
    if (lastSha == null || lastTree == null) {
      throw new IllegalStateException("no commit was walked");
    }
    int commits = shas.size();
    return new EngineSnapshot(
        lastSha,
        List.copyOf(shas),
        java.util.Arrays.copyOf(written, commits),
        java.util.Arrays.copyOf(aiWritten, commits),
        Map.copyOf(lastTree),
        ledger.state(commits),
        tracked.since(),
        tracked.paths(),
        tracked.records());
  }

  /** What the walk found, once every commit was given. */
  public LineFateResult finish() {
    return ledger.result(shas, written, aiWritten, tracked.result());
  }

  /** The lines of a changed file in {@code commit}, by blame's rules. */
  private FileLines resolve(
      HistoryCommit commit,
      int index,
      FileChange diffed,
      List<Map<String, FileLines>> parentTrees,
      List<Map<String, FileChange>> otherSections) {
    // Where blame takes the lines from, which is not always where the diff pairs the file with.
    FileChange change = diffed.followed();
    String path = change.newPath();
    String blob = change.newBlob();
    int parents = parentTrees.size();
    FileLines[] origins = new FileLines[parents];
    FileChange[] originChanges = new FileChange[parents];
    for (int p = 0; p < parents; p++) {
      FileChange against = p == 0 ? change : otherSections.get(p - 1).get(path);
      against = against == null ? null : against.followed();
      originChanges[p] = against;
      if (against == null) {
        origins[p] = parentTrees.get(p).get(path); // unchanged against this parent
      } else if (against.oldPath() != null) {
        origins[p] = parentTrees.get(p).get(against.oldPath());
      }
    }
    // blame passes the whole file to the first parent with the same blob, looking at the path
    // itself in every parent before it looks at renames in any (pass_blame's two passes).
    for (int pass = 0; pass < 2; pass++) {
      for (int p = 0; p < parents; p++) {
        FileLines origin = origins[p];
        boolean renamed = originChanges[p] != null && !path.equals(originChanges[p].oldPath());
        if (origin != null && renamed == (pass == 1) && origin.blob().equals(blob)) {
          return origin;
        }
      }
    }
    if (!change.hasLines()) {
      return FileLines.withoutLines(blob);
    }
    int length = lineCount(change, parents > 0 ? origins[0] : null);
    int[] tokens = new int[length];
    java.util.Arrays.fill(tokens, -1);
    TrackedLines.Commit followed =
        tracked.tracks(commit.committedAt(), change) ? tracked.commit(index, commit.sha()) : null;
    int[] ordinals = null;
    if (followed != null || anyFollowed(origins)) {
      ordinals = new int[length];
      java.util.Arrays.fill(ordinals, -1);
    }
    List<String> seen = new ArrayList<>(parents);
    for (int p = 0; p < parents; p++) {
      FileLines origin = origins[p];
      if (origin == null || !origin.hasLines() || seen.contains(origin.blob())) {
        continue;
      }
      seen.add(origin.blob());
      FileChange against = originChanges[p];
      passUnchanged(
          against == null ? new int[0] : against.hunks(),
          origin.tokens(),
          origin.ordinals(),
          tokens,
          ordinals);
    }
    BitSet ai = aiLines.of(commit.sha(), path);
    long own = 0;
    long ownAi = 0;
    for (int line = 0; line < length; line++) {
      if (tokens[line] == -1) {
        boolean isAi = ai != null && ai.get(line);
        tokens[line] = FileLines.token(index, isAi);
        own++;
        ownAi += isAi ? 1 : 0;
      }
    }
    written[index] += own;
    aiWritten[index] += ownAi;
    if (followed != null && own > 0) {
      follow(followed, diffed, change, tokens, ordinals, (int) own, index);
    }
    return new FileLines(blob, tokens, hasFollowed(ordinals) ? ordinals : null, true);
  }

  /**
   * Gives the commit's own lines of a file their ordinals, and records where they are and their
   * hashes: own lines lie inside the first parent's hunks, whose added lines' hashes the change
   * holds in order.
   */
  private static void follow(
      TrackedLines.Commit followed,
      FileChange diffed,
      FileChange change,
      int[] tokens,
      int[] ordinals,
      int own,
      int index) {
    // An added line's text is the new file's at that line whatever source a diff paired it with:
    // git log's diff and blame's view each give some lines, together the own ones.
    long[] hashAt = new long[tokens.length];
    fillHashes(diffed, hashAt);
    if (change != diffed) {
      fillHashes(change, hashAt);
    }
    int[] positions = new int[own];
    long[] hashes = new long[own];
    int n = 0;
    for (int line = 0; line < tokens.length; line++) {
      if (FileLines.owner(tokens[line]) == index) {
        positions[n] = line;
        hashes[n++] = hashAt[line];
      }
    }
    String renamedFrom =
        change.oldPath() != null && !change.oldPath().equals(change.newPath())
            ? change.oldPath()
            : null;
    int first = followed.addFile(change.newPath(), renamedFrom, positions, hashes);
    for (int k = 0; k < n; k++) {
      ordinals[positions[k]] = first + k;
    }
  }

  /** The hash of each added line of a change, at its line in the new file. */
  private static void fillHashes(FileChange change, long[] hashAt) {
    if (!change.hasAddedHashes()) {
      return;
    }
    long[] added = change.addedHashes();
    int[] hunks = change.hunks();
    int next = 0;
    for (int h = 0; h < hunks.length; h += 4) {
      int count = hunks[h + 3];
      for (int k = 0; k < count && next < added.length; k++) {
        int line = hunks[h + 2] - 1 + k;
        if (line >= 0 && line < hashAt.length) {
          hashAt[line] = added[next];
        }
        next++;
      }
    }
  }

  private static boolean anyFollowed(FileLines[] origins) {
    for (FileLines origin : origins) {
      if (origin != null && origin.ordinals() != null) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasFollowed(int @Nullable [] ordinals) {
    if (ordinals == null) {
      return false;
    }
    for (int ordinal : ordinals) {
      if (ordinal >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Hands the still unassigned lines outside the hunks to the parent's lines at the same place:
   * between hunks, new line {@code j} is old line {@code j - offset}.
   */
  static void passUnchanged(int[] hunks, int[] parentTokens, int[] tokens) {
    passUnchanged(hunks, parentTokens, null, tokens, null);
  }

  /** The same, handing each line's ordinal along with its token where ordinals are kept. */
  static void passUnchanged(
      int[] hunks,
      int[] parentTokens,
      int @Nullable [] parentOrdinals,
      int[] tokens,
      int @Nullable [] ordinals) {
    int newCursor = 0;
    int oldCursor = 0;
    for (int h = 0; h < hunks.length; h += 4) {
      int oldCount = hunks[h + 1];
      int newCount = hunks[h + 3];
      // git numbers an empty side by the line it follows; a non-empty one by its first line.
      int oldStart = oldCount > 0 ? hunks[h] - 1 : hunks[h];
      int newStart = newCount > 0 ? hunks[h + 2] - 1 : hunks[h + 2];
      copy(
          parentTokens,
          parentOrdinals,
          oldCursor,
          tokens,
          ordinals,
          newCursor,
          newStart - newCursor);
      newCursor = newStart + newCount;
      oldCursor = oldStart + oldCount;
    }
    copy(
        parentTokens,
        parentOrdinals,
        oldCursor,
        tokens,
        ordinals,
        newCursor,
        tokens.length - newCursor);
  }

  private static void copy(
      int[] from,
      int @Nullable [] fromOrdinals,
      int fromStart,
      int[] to,
      int @Nullable [] toOrdinals,
      int toStart,
      int length) {
    if (length < 0
        || fromStart + length > from.length
        || toStart + length > to.length
        || fromStart < 0) {
      throw new GoodhartException(
          ErrorCode.INTERNAL_ERROR,
          "a diff does not fit the file it applies to (%d lines from %d of %d into %d of %d)"
              .formatted(length, fromStart, from.length, toStart, to.length));
    }
    for (int i = 0; i < length; i++) {
      if (to[toStart + i] == -1) {
        to[toStart + i] = from[fromStart + i];
        if (toOrdinals != null && fromOrdinals != null) {
          toOrdinals[toStart + i] = fromOrdinals[fromStart + i];
        }
      }
    }
  }

  /** The new file's length: the old length moved by the hunks, or the blob's own count. */
  private int lineCount(FileChange change, @Nullable FileLines firstOrigin) {
    if (change.oldPath() == null) {
      return (int) change.linesAdded();
    }
    if (firstOrigin == null || !firstOrigin.hasLines()) {
      return lineCounter.lines(change.newBlob()); // from binary to text: no diff to go by
    }
    return (int) (firstOrigin.tokens().length + change.linesAdded() - change.linesDeleted());
  }

  /** The first parent's tree itself when this commit is its last child, else a copy. */
  private Map<String, FileLines> takeOrCopy(List<String> parents, Map<String, FileLines> first) {
    if (!parents.isEmpty() && childrenLeft.getOrDefault(parents.getFirst(), 0) == 1) {
      Map<String, FileLines> taken = trees.remove(parents.getFirst());
      if (taken != null) {
        return taken;
      }
    }
    return new HashMap<>(first);
  }

  private void release(List<String> parents) {
    for (String parent : parents) {
      int left = childrenLeft.merge(parent, -1, Integer::sum);
      if (left <= 0) {
        trees.remove(parent);
        childrenLeft.remove(parent);
      }
    }
  }

  private void grow(int index) {
    if (index >= written.length) {
      int size = Math.max(index + 1, written.length * 2);
      written = java.util.Arrays.copyOf(written, size);
      aiWritten = java.util.Arrays.copyOf(aiWritten, size);
    }
  }

  /** Commits made since then have their lines followed one by one; null: none. */
  public @Nullable Instant linesSince() {
    return tracked.since();
  }

  /** The files whose lines are followed. */
  public FollowedPaths linePaths() {
    return tracked.paths();
  }

  /** The number of commits given so far. */
  public int commits() {
    return shas.size();
  }

  /** The index the engine gave a commit, for callers that keep per-commit data beside it. */
  public @Nullable Integer indexOf(String sha) {
    return indexOf.get(sha);
  }
}
