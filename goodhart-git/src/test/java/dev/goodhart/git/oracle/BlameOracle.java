package dev.goodhart.git.oracle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@code git blame} says survives at a revision: for every commit, the number of lines of the
 * revision's tree that {@code git blame --line-porcelain <rev> -- <file>} attributes to it, summed
 * over the tree's text files. Default blame options (no {@code -M} or {@code -C}; whole-file
 * renames followed, as blame follows them) and the neutral environment of {@link GitCli}. Binary
 * files, those git's diff reports as binary ({@code -\t-} in {@code --numstat}), have no lines.
 *
 * <p>One blame per file: slow next to the engine, and exact by definition.
 */
public final class BlameOracle {
  private BlameOracle() {}

  /** Lines at {@code revision} per full commit sha, over all its text files. */
  public static Map<String, Long> aliveAt(Path repository, String revision) {
    Map<String, Long> total = new TreeMap<>();
    aliveAtByFile(repository, revision)
        .values()
        .forEach(counts -> counts.forEach((sha, lines) -> total.merge(sha, lines, Long::sum)));
    return Collections.unmodifiableMap(total);
  }

  /**
   * Lines at {@code revision} per text file, then per full commit sha: to say where they differ.
   */
  public static Map<String, Map<String, Long>> aliveAtByFile(Path repository, String revision) {
    GitCli git = GitCli.in(repository);
    Map<String, Map<String, Long>> byFile = new TreeMap<>();
    for (String path : textFiles(git, revision)) {
      Map<String, Long> counts =
          git.read(
              LinePorcelain::countLinesByCommit, "blame", "--line-porcelain", revision, "--", path);
      byFile.put(path, Collections.unmodifiableMap(counts));
    }
    return Collections.unmodifiableMap(byFile);
  }

  /**
   * The lines of {@code revision}'s text files per full commit sha blame attributes them to, each
   * origin line once: by original file and line, with the {@link dev.goodhart.model.git.LineHash}
   * of its text.
   */
  public static Map<String, Map<String, Long>> originLinesAt(Path repository, String revision) {
    GitCli git = GitCli.in(repository);
    Map<String, Map<String, Long>> all = new TreeMap<>();
    for (String path : textFiles(git, revision)) {
      git.read(
              LinePorcelain::originLinesByCommit, "blame", "--line-porcelain", revision, "--", path)
          .forEach((sha, lines) -> all.computeIfAbsent(sha, k -> new TreeMap<>()).putAll(lines));
    }
    return all;
  }

  /** The files of {@code revision}'s tree that git's diff treats as text, in path order. */
  public static List<String> textFiles(Path repository, String revision) {
    return textFiles(GitCli.in(repository), revision);
  }

  private static List<String> textFiles(GitCli git, String revision) {
    Set<String> binary = binaryFiles(git, revision);
    List<String> text = new ArrayList<>();
    for (String entry : git.run("ls-tree", "-r", "-z", revision).split("\0")) {
      if (entry.isEmpty()) {
        continue;
      }
      // "<mode> <type> <object>\t<path>": submodules (type commit) have no lines to blame.
      int tab = entry.indexOf('\t');
      String[] fields = entry.substring(0, tab).split(" ");
      String path = entry.substring(tab + 1);
      if (fields[1].equals("blob") && !binary.contains(path)) {
        text.add(path);
      }
    }
    Collections.sort(text);
    return text;
  }

  /**
   * The files {@code git diff --numstat} from the empty tree counts no lines of ({@code -\t-}): one
   * diff for the whole tree rather than one per file.
   */
  private static Set<String> binaryFiles(GitCli git, String revision) {
    // Asked of git rather than written out, so that SHA-256 repositories work too.
    String emptyTree = git.run("hash-object", "-t", "tree", "--stdin").strip();
    Set<String> binary = new TreeSet<>();
    for (String entry :
        git.run("diff", "--numstat", "-z", "--no-renames", emptyTree, revision, "--").split("\0")) {
      if (entry.startsWith("-\t-\t")) {
        binary.add(entry.substring("-\t-\t".length()));
      }
    }
    return binary;
  }
}
