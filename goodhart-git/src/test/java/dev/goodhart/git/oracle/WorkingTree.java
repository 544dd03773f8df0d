package dev.goodhart.git.oracle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The files of the repository being written, read and written with plain file operations: no git
 * process per file. It remembers what changed since the last commit, so that the commit needs no
 * {@code git add -A} (which walks the tree) and no diff to know what it touched.
 */
final class WorkingTree {
  final Path root;

  /** Files written that git does not know yet: {@code commit -a} stages all but these. */
  private final Set<String> untracked = new TreeSet<>();

  /** Paths written, deleted or moved since the last commit. */
  private final Set<String> touched = new TreeSet<>();

  WorkingTree(Path root) {
    this.root = root;
  }

  /** Every file, in a stable order. */
  List<String> files() {
    List<String> files = new ArrayList<>();
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(
                Path directory, BasicFileAttributes attributes) {
              // The object database grows with every commit; walking it would cost more than git.
              return directory.getFileName().toString().equals(".git")
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
              files.add(root.relativize(file).toString().replace('\\', '/'));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + root, e);
    }
    files.sort(null);
    return files;
  }

  boolean exists(String path) {
    return Files.exists(root.resolve(path));
  }

  byte[] read(String path) {
    try {
      return Files.readAllBytes(root.resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + path, e);
    }
  }

  TextFile readText(String path) {
    return TextFile.parse(new String(read(path), StandardCharsets.UTF_8));
  }

  void write(String path, byte[] content) {
    try {
      Path file = root.resolve(path);
      if (!Files.exists(file)) {
        untracked.add(path);
        Files.createDirectories(file.getParent());
      }
      Files.write(file, content);
      touched.add(path);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + path, e);
    }
  }

  void writeText(String path, TextFile text) {
    write(path, text.render().getBytes(StandardCharsets.UTF_8));
  }

  void delete(String path) {
    try {
      Files.delete(root.resolve(path));
      touched.add(path);
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + path, e);
    }
  }

  /** Notes a move that git made ({@code git mv} stages it). */
  void moved(String from, String to) {
    touched.add(from);
    touched.add(to);
  }

  /** Whether anything was written, deleted or moved since the last commit. */
  boolean hasChanges() {
    return !touched.isEmpty();
  }

  /** The files git does not know yet, which are from now on its business. */
  List<String> takeUntracked() {
    List<String> taken = List.copyOf(untracked);
    untracked.clear();
    return taken;
  }

  /** The paths changed since the last commit, which a commit is now recording. */
  Set<String> takeTouched() {
    Set<String> taken = Set.copyOf(touched);
    touched.clear();
    return taken;
  }
}
