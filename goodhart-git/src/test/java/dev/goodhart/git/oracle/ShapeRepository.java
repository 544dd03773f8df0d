package dev.goodhart.git.oracle;

import dev.goodhart.git.RepositoryScanner;
import dev.goodhart.model.git.CommitFact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A real repository built by hand to one shape (a type change, a move of many files, a merge that
 * renames), and the engine's lines at its head next to {@code git blame}'s, file by file. Commits
 * are a day apart, by authors named in the test.
 */
final class ShapeRepository {
  private static final Instant START = Instant.parse("2025-01-01T10:00:00Z");

  private final Path folder;
  private final GitCli git;
  private int day;

  private ShapeRepository(Path folder) {
    this.folder = folder;
    this.git = GitCli.in(folder);
  }

  /** An empty repository on branch {@code main} in {@code folder}. */
  static ShapeRepository create(Path folder) {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ShapeRepository repository = new ShapeRepository(folder);
    repository.git.run("init", "-q");
    return repository;
  }

  GitCli git() {
    return git;
  }

  ShapeRepository write(String path, String content) {
    return write(path, content.getBytes(StandardCharsets.UTF_8));
  }

  ShapeRepository write(String path, byte[] content) {
    try {
      Path file = folder.resolve(path);
      Files.deleteIfExists(file);
      Files.createDirectories(file.getParent());
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** A symlink at {@code path} to {@code target}, replacing whatever was there. */
  ShapeRepository symlink(String path, String target) {
    try {
      Path link = folder.resolve(path);
      Files.deleteIfExists(link);
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(link, Path.of(target));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  ShapeRepository remove(String path) {
    try {
      Files.delete(folder.resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  String read(String path) {
    try {
      return Files.readString(folder.resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Moves a file, without telling git: git finds renames by content. */
  ShapeRepository move(String from, String to) {
    try {
      Path target = folder.resolve(to);
      Files.createDirectories(target.getParent());
      Files.move(folder.resolve(from), target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Commits everything in the work tree, by {@code author}; returns the commit's sha. */
  String commit(String author) {
    git.run("add", "-A");
    who(author).run("commit", "-q", "--allow-empty", "-m", "commit by " + author + " " + day);
    return head();
  }

  /**
   * Commits the index after adding {@code paths} only: for entries the work tree does not have,
   * such as a submodule set with {@code update-index}.
   */
  String commitIndex(String author, String... paths) {
    if (paths.length > 0) {
      git.run(
          java.util.stream.Stream.concat(
                  java.util.stream.Stream.of("add", "--"), java.util.Arrays.stream(paths))
              .toList());
    }
    who(author).run("commit", "-q", "--allow-empty", "-m", "commit by " + author + " " + day);
    return head();
  }

  /** Merges {@code branch} into the current branch with a merge commit; returns its sha. */
  String merge(String author, String branch) {
    who(author).run("merge", "-q", "--no-ff", "-m", "Merge branch '" + branch + "'", branch);
    return head();
  }

  /** Starts merging {@code branch} without committing, so that the merge can change more. */
  void startMerge(String branch) {
    who("nobody").run("merge", "-q", "--no-ff", "--no-commit", branch);
  }

  void switchTo(String branch) {
    git.run("switch", "-q", branch);
  }

  void newBranch(String branch) {
    git.run("switch", "-q", "-c", branch);
  }

  String head() {
    return git.run("rev-parse", "HEAD").strip();
  }

  private GitCli who(String author) {
    Signature signature =
        new Signature(
            author,
            author.toLowerCase(Locale.ROOT) + "@example.com",
            START.plusSeconds(86_400L * day++),
            ZoneOffset.UTC);
    return git.committing(signature, signature);
  }

  /**
   * Null when the engine gives every file's lines at {@code main}'s head to the commits blame gives
   * them to (and every commit its aliveAtHead), else what differs.
   */
  String differencesFromBlame() {
    RepositoryScanner.Result result =
        new RepositoryScanner(RepositoryScanner.AnnotationSource.MESSAGES_ONLY)
            .scan(
                folder,
                // Every line followed too: line provenance must see blame's lines on these shapes.
                new RepositoryScanner.Options(
                    "main", Instant.parse("2030-01-01T00:00:00Z"), Instant.EPOCH),
                RepositoryScanner.Listener.SILENT);
    String lines = LineProvenanceChecks.checkHead(folder, "main", result);
    if (lines != null) {
      return "the lines followed one by one differ from blame's: " + lines;
    }
    Map<String, Map<String, Long>> ours = result.snapshot().ownersAtHead();
    Map<String, Map<String, Long>> blame = BlameOracle.aliveAtByFile(folder, "main");
    Map<String, Long> oursByCommit = new TreeMap<>();
    for (CommitFact commit : result.commits()) {
      if (commit.fate().aliveAtHead() > 0) {
        oursByCommit.put(commit.sha(), commit.fate().aliveAtHead());
      }
    }
    Map<String, Long> blameByCommit = BlameOracle.aliveAt(folder, "main");
    if (ours.equals(blame) && oursByCommit.equals(blameByCommit)) {
      return null;
    }
    StringBuilder differences = new StringBuilder();
    java.util.Set<String> paths = new java.util.TreeSet<>(ours.keySet());
    paths.addAll(blame.keySet());
    for (String path : paths) {
      Map<String, Long> mine = ours.getOrDefault(path, Map.of());
      Map<String, Long> theirs = blame.getOrDefault(path, Map.of());
      if (!mine.equals(theirs)) {
        differences.append("%s: engine %s, blame %s%n".formatted(path, mine, theirs));
      }
    }
    differences.append("by commit: engine %s, blame %s%n".formatted(oursByCommit, blameByCommit));
    differences.append(git.run("log", "--graph", "--format=%h %s", "--raw", "-M", "main"));
    return differences.toString();
  }
}
