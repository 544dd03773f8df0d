package dev.goodhart.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Generates a large git repository for {@code bench/scan-vs-git}: thousands of commits on a main
 * line with merged feature branches, renames, deletions, re-adds and binary files, by people and by
 * coding agents, over two years. The history is written as one {@code git fast-import} stream,
 * which makes 5,000 commits in seconds; then the repository is packed ({@code git gc}) and checked
 * out, as a clone would be.
 *
 * <p>Run: {@code java -cp goodhart-bench/target/goodhart-bench.jar
 * dev.goodhart.bench.LargeRepository --out DIR --commits 5000 --files 600 --seed 1}
 */
public final class LargeRepository {
  private LargeRepository() {}

  public static void main(String[] args) {
    LargeRepositoryOptions options;
    try {
      options = LargeRepositoryOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(LargeRepositoryOptions.USAGE);
      System.exit(2);
      return;
    }
    RepositoryShape shape = generate(options);
    System.out.println(shape.describe(options.out()));
  }

  /** Makes the repository in {@code options.out()}, which must be missing or empty. */
  static RepositoryShape generate(LargeRepositoryOptions options) {
    Path out = options.out().toAbsolutePath();
    prepare(out);
    GitCommand git = new GitCommand(out);
    git.run("init", "-q", "-b", "main");
    Process importer = git.start("fast-import", "--quiet", "--done");
    RepositoryShape shape;
    try (FastImportWriter writer = new FastImportWriter(importer.getOutputStream())) {
      shape = new HistoryGenerator(options, writer).generate();
    }
    git.waitFor(importer, "fast-import");
    if (shape.merges() > 0) {
      git.run("update-ref", "-d", HistoryGenerator.FEATURE); // merged: no branch is left
    }
    git.run("gc", "--quiet");
    git.run("reset", "-q", "--hard");
    return shape;
  }

  private static void prepare(Path out) {
    try {
      if (Files.isDirectory(out)) {
        try (Stream<Path> entries = Files.list(out)) {
          if (entries.findAny().isPresent()) {
            throw new IllegalArgumentException(
                "'%s' is not empty; name a new folder with --out".formatted(out));
          }
        }
      }
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make '%s'".formatted(out), e);
    }
  }
}
