package dev.goodhart.git.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random commits that move, copy, edit and delete files cut from a few shared templates, under file
 * names that repeat across folders, sometimes on a branch merged back: the cases where git's rename
 * pairing of the whole diff and blame's pairing of one file at a time part ways (a source wanted by
 * several new files, a file name unique among sources but not among new files, identical copies).
 * The engine must give every file's lines to the commits blame gives them to.
 */
class RandomRenamesTest {
  private static final String[] FOLDERS = {"", "a/", "b/", "a/x/", "c/"};
  private static final String[] NAMES = {
    "util.txt", "main.txt", "SKILL.md", "notes.md", "one.txt", "two.txt", "three.txt"
  };

  @TempDir Path folder;

  @Test
  void renamesAsBlameFollowsThem() {
    List<String> failures = new ArrayList<>();
    LongStream.range(1, 31)
        .forEach(
            seed -> {
              String difference = check(seed);
              if (difference != null) {
                failures.add("seed " + seed + ": " + difference);
              }
            });
    assertEquals(List.of(), failures);
  }

  private String check(long seed) {
    Random random = new Random(seed);
    ShapeRepository repo = ShapeRepository.create(folder.resolve("r" + seed));
    String[] templates = new String[3];
    for (int t = 0; t < templates.length; t++) {
      templates[t] = BlameShapesTest.lines("template" + t, 8 + random.nextInt(20));
    }
    Set<String> paths = new HashSet<>();
    for (int i = 0, files = 5 + random.nextInt(6); i < files; i++) {
      String path = freshPath(random, paths);
      repo.write(path, variant(templates[random.nextInt(templates.length)], random));
    }
    repo.commit("Alice");
    boolean onBranch = random.nextBoolean();
    if (onBranch) {
      repo.newBranch("topic");
    }
    for (String path : List.copyOf(paths)) {
      String content = repo.read(path);
      switch (random.nextInt(5)) {
        case 0 -> {} // kept
        case 1 -> {
          repo.remove(path);
          paths.remove(path);
        }
        case 2 -> {
          repo.remove(path);
          paths.remove(path);
          repo.write(freshPath(random, paths), variant(content, random));
        }
        case 3 -> {
          repo.remove(path);
          paths.remove(path);
          for (int copies = 2 + random.nextInt(2); copies > 0; copies--) {
            repo.write(freshPath(random, paths), variant(content, random));
          }
        }
        default ->
            repo.write(
                freshPath(random, paths),
                random.nextBoolean() ? content : variant(content, random));
      }
    }
    for (int extra = random.nextInt(3); extra > 0; extra--) {
      repo.write(freshPath(random, paths), variant(templates[random.nextInt(3)], random));
    }
    repo.commit("Bob");
    if (onBranch) {
      repo.switchTo("main");
      repo.write("unrelated.txt", BlameShapesTest.lines("unrelated", 3)).commit("Carol");
      repo.merge("Dave", "topic");
    }
    return repo.differencesFromBlame();
  }

  private static String freshPath(Random random, Set<String> taken) {
    while (true) {
      String path = FOLDERS[random.nextInt(FOLDERS.length)] + NAMES[random.nextInt(NAMES.length)];
      if (taken.add(path)) {
        return path;
      }
    }
  }

  /** The text with up to three lines edited, sometimes none. */
  private static String variant(String text, Random random) {
    String result = text;
    for (int edits = random.nextInt(4); edits > 0; edits--) {
      result = BlameShapesTest.edited(result, random.nextInt(40));
    }
    return result;
  }
}
