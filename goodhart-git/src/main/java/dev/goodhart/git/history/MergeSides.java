package dev.goodhart.git.history;

import dev.goodhart.git.Git;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges' changes against their second and later parents, limited to what blame asks of those
 * parents: the files the merge changed against its first parent (every other file passes whole to
 * the first parent). A {@code git log --merges -m --raw} without patches runs beside the main
 * history and says which files differ from which parent; patches are fetched, with one {@code git
 * diff-tree} limited to those paths, only where a file differs from the first parent and from
 * another one too, i.e. where a merge combined edits from both sides. Asking git for every parent's
 * full patch instead ({@code log -m -p}) doubled the cost of reading a history, because a branch
 * merged late differs from the merge by everything the main line did meanwhile.
 */
final class MergeSides implements AutoCloseable {
  private static final String FORMAT = "%x01C %H%n%T%n%P%n%x01E";

  private final Git git;
  private final List<String> revisions;
  private final BlameRenames renames;
  private final Map<String, List<List<FileChange>>> ready = new HashMap<>();
  private final Thread reader;
  private volatile Git.Streaming log;
  private volatile boolean abandoned;
  private boolean finished;
  private RuntimeException failure;

  private MergeSides(Git git, List<String> revisions, RenameRules rules) {
    this.git = git;
    this.revisions = revisions;
    this.renames = new BlameRenames(git, rules);
    this.reader = Thread.ofPlatform().daemon().name("goodhart-merges").unstarted(this::readAll);
  }

  /** Starts reading the merges of {@code revisions}, the same revisions as the main history's. */
  static MergeSides start(Git git, List<String> revisions, RenameRules rules) {
    MergeSides sides = new MergeSides(git, List.copyOf(revisions), rules);
    sides.reader.start();
    return sides;
  }

  /** {@code merge}'s changes against its parents after the first; waits for git when needed. */
  synchronized List<List<FileChange>> of(String merge, List<String> parents) {
    while (!ready.containsKey(merge) && !finished) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GoodhartException(ErrorCode.INTERNAL_ERROR, "interrupted while git ran", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    List<List<FileChange>> sides = ready.remove(merge);
    // git prints nothing for a merge whose tree is every parent's: nothing changed against any.
    return sides != null ? sides : emptySections(parents.size() - 1);
  }

  @Override
  public void close() {
    boolean early;
    synchronized (this) {
      early = !finished;
      abandoned = early;
    }
    Git.Streaming running = log;
    if (early && running != null) {
      running.abort();
    }
    try {
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      if (failure != null && !early) {
        throw failure;
      }
    }
  }

  private void readAll() {
    RuntimeException failed = null;
    try (Git.Streaming merges = git.stream(logArguments())) {
      log = merges;
      LineInput in = new LineInput(merges.output());
      Merge current = null;
      while (in.skipTo(LineInput.ENTRY)) {
        String sha = in.line();
        String tree = in.line();
        String parents = in.line();
        in.upToEndMarker();
        List<FileChange> section = DiffSection.read(in);
        if (current != null && !current.sha.equals(sha)) {
          publish(current);
          current = null;
        }
        if (current == null) {
          current = new Merge(sha, tree, List.of(parents.split(" ")));
        }
        current.printed.add(section);
      }
      if (current != null) {
        publish(current);
      }
    } catch (IOException e) {
      failed = new GoodhartException(ErrorCode.GIT_FAILURE, "cannot read git's output", e);
    } catch (RuntimeException e) {
      failed = e;
    } finally {
      renames.close();
    }
    synchronized (this) {
      if (!abandoned) {
        failure = failed;
      }
      finished = true;
      notifyAll();
    }
  }

  private List<String> logArguments() {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "log",
                "--merges",
                "--topo-order",
                "--reverse",
                "-m",
                "-M",
                "--raw",
                "-z",
                "--no-abbrev",
                "--no-color",
                "--format=" + FORMAT));
    arguments.addAll(revisions);
    arguments.add("--");
    return arguments;
  }

  private void publish(Merge merge) {
    List<List<FileChange>> sides = sides(merge);
    synchronized (this) {
      ready.put(merge.sha, sides);
      notifyAll();
    }
  }

  /** A merge as git printed it: one section per parent whose tree differs from the merge's. */
  private static final class Merge {
    final String sha;
    final String tree;
    final List<String> parents;
    final List<List<FileChange>> printed = new ArrayList<>();

    Merge(String sha, String tree, List<String> parents) {
      this.sha = sha;
      this.tree = tree;
      this.parents = parents;
    }
  }

  private List<List<FileChange>> sides(Merge merge) {
    int others = merge.parents.size() - 1;
    List<List<FileChange>> sections = aligned(merge);
    if (sections == null) {
      return emptySections(others); // the first parent's section is empty: nobody asks the others
    }
    Set<String> changed = new HashSet<>();
    for (FileChange change : sections.getFirst()) {
      if (change.newPath() != null) {
        changed.add(change.newPath());
      }
    }
    List<List<FileChange>> sides = new ArrayList<>(others);
    for (int p = 1; p <= others; p++) {
      String parent = merge.parents.get(p);
      sides.add(
          limited(
              merge,
              parent,
              renames.follow(parent, merge.sha, sections.get(p), changed::contains),
              changed));
    }
    return sides;
  }

  /**
   * The printed sections put against the parents they belong to, or null when the merge has no
   * change against its first parent. git skips a parent whose tree is the merge's; with two parents
   * and one section, that is either the first (then nothing is asked of the second) or the second
   * (whose section is then empty).
   */
  private List<List<FileChange>> aligned(Merge merge) {
    int parents = merge.parents.size();
    if (merge.printed.size() == parents) {
      return merge.printed;
    }
    if (parents == 2) {
      return merge.printed.isEmpty() ? null : List.of(merge.printed.getFirst(), List.of());
    }
    String[] trees = new String[parents];
    String[] lines = git.run(treeArguments(merge.parents)).strip().split("\n");
    System.arraycopy(lines, 0, trees, 0, Math.min(parents, lines.length));
    List<List<FileChange>> complete = new ArrayList<>(parents);
    int next = 0;
    for (String tree : trees) {
      if (merge.tree.equals(tree) && complete.size() - next < parents - merge.printed.size()) {
        complete.add(List.of());
      } else {
        complete.add(next < merge.printed.size() ? merge.printed.get(next++) : List.of());
      }
    }
    return complete.getFirst().isEmpty() ? null : complete;
  }

  private static String[] treeArguments(List<String> parents) {
    String[] arguments = new String[parents.size() + 1];
    arguments[0] = "rev-parse";
    for (int i = 0; i < parents.size(); i++) {
      arguments[i + 1] = parents.get(i) + "^{tree}";
    }
    return arguments;
  }

  /**
   * The section against {@code parent} for the files in {@code changed}, with hunks where blame
   * will need them: a file that differs from this parent's version.
   */
  private List<FileChange> limited(
      Merge merge, String parent, List<FileChange> section, Set<String> changed) {
    List<FileChange> kept = new ArrayList<>();
    List<String> needPatches = new ArrayList<>();
    for (FileChange change : section) {
      if (change.newPath() == null || !changed.contains(change.newPath())) {
        continue;
      }
      kept.add(change);
      if (needsPatch(change)) {
        needPatches.add(change.oldPath());
        needPatches.add(change.newPath());
      }
    }
    if (needPatches.isEmpty()) {
      return kept;
    }
    Map<String, FileChange> patched = byNewPath(patches(parent, merge.sha, needPatches));
    List<FileChange> complete = new ArrayList<>(kept.size());
    for (FileChange change : kept) {
      if (!needsPatch(change)) {
        complete.add(change);
        continue;
      }
      FileChange withHunks = patched.get(change.newPath());
      if (withHunks == null || !samePair(change, withHunks)) {
        // Limited to these paths, git paired the files differently: ask for the whole diff.
        return limitedFromWholeDiff(merge, parent, changed);
      }
      // Blame's view was worked out on the whole diff, which the patches were not.
      complete.add(
          change.blameView() == null ? withHunks : withHunks.followedAs(change.blameView()));
    }
    return complete;
  }

  private List<FileChange> limitedFromWholeDiff(Merge merge, String parent, Set<String> changed) {
    List<FileChange> kept = new ArrayList<>();
    for (FileChange change :
        renames.follow(
            parent, merge.sha, patches(parent, merge.sha, List.of()), changed::contains)) {
      if (change.newPath() != null && changed.contains(change.newPath())) {
        kept.add(change);
      }
    }
    return kept;
  }

  private static boolean needsPatch(FileChange change) {
    return change.oldPath() != null
        && change.newPath() != null
        && !change.submodule()
        && !change.oldBlob().equals(change.newBlob());
  }

  private static boolean samePair(FileChange raw, FileChange patched) {
    return raw.oldBlob().equals(patched.oldBlob())
        && raw.newBlob().equals(patched.newBlob())
        && raw.oldPath().equals(patched.oldPath());
  }

  private static Map<String, FileChange> byNewPath(List<FileChange> changes) {
    Map<String, FileChange> byPath = new HashMap<>();
    for (FileChange change : changes) {
      if (change.newPath() != null) {
        byPath.put(change.newPath(), change);
      }
    }
    return byPath;
  }

  /**
   * {@code git diff-tree} from {@code parent} to {@code merge}, limited to {@code paths} if any.
   */
  private List<FileChange> patches(String parent, String merge, List<String> paths) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--literal-pathspecs",
                "diff-tree",
                "-r",
                "-M",
                "--raw",
                "-z",
                "--no-abbrev",
                "-p",
                "-U0",
                "--no-ext-diff",
                "--no-textconv",
                "--no-color",
                parent,
                merge,
                "--"));
    arguments.addAll(new HashSet<>(paths));
    try (Git.Streaming diff = git.stream(arguments)) {
      return DiffSection.read(new LineInput(diff.output()));
    } catch (IOException e) {
      throw new GoodhartException(ErrorCode.GIT_FAILURE, "cannot read git diff-tree's output", e);
    }
  }

  private static List<List<FileChange>> emptySections(int count) {
    List<List<FileChange>> sections = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      sections.add(List.of());
    }
    return sections;
  }
}
