package dev.goodhart.git.oracle;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shapes of history where the engine once disagreed with {@code git blame} on real repositories:
 * type changes (a file becoming a symlink and back), moves of many edited files, copies of a file
 * that is deleted (blame follows every copy, {@code git log -M} one), merges that rename, and a
 * commit with more rename candidates than the diff's limit. Each builds the shape in a real
 * repository and compares the engine with blame file by file.
 */
class BlameShapesTest {
  @TempDir Path folder;

  @Test
  void aSymlinkAddedChangedTurnedIntoAFileAndBack() {
    ShapeRepository repo = ShapeRepository.create(folder);
    repo.write("a.txt", lines("a", 3)).symlink("link", "a.txt").symlink("other", "a.txt");
    repo.commit("Alice");
    repo.symlink("link", "b.txt").commit("Bob"); // a symlink's target is its one line
    repo.remove("link").write("link", lines("file", 4)).commit("Carol"); // symlink to file
    repo.write("link", lines("file", 3) + "edited\n").commit("Dave");
    repo.remove("other").write("other", lines("other", 2)).commit("Erin");
    repo.remove("other").symlink("other", "a.txt").commit("Frank"); // file to symlink
    repo.symlink("other", "c.txt").commit("Grace");
    repo.move("other", "renamed-other").commit("Heidi"); // a symlink renamed as it is
    assertNull(repo.differencesFromBlame());
  }

  @Test
  void aTypeChangeToTheSameBlobIsStillNewToBlame() {
    ShapeRepository repo = ShapeRepository.create(folder);
    repo.write("a.txt", lines("a", 2)).write("same", "a.txt").commit("Alice");
    // A symlink to "a.txt" is the blob of a file that reads "a.txt": same blob, other type.
    repo.remove("same").symlink("same", "a.txt").commit("Bob");
    repo.remove("same").write("same", "a.txt").commit("Carol");
    assertNull(repo.differencesFromBlame());
  }

  @Test
  void typeChangesComingThroughAMerge() {
    ShapeRepository repo = ShapeRepository.create(folder);
    repo.write("f.txt", lines("f", 5)).symlink("s", "f.txt").write("g.txt", lines("g", 3));
    repo.commit("Alice");
    repo.newBranch("topic");
    repo.remove("f.txt").symlink("f.txt", "g.txt").commit("Bob");
    repo.remove("s").write("s", lines("s", 2)).commit("Carol");
    repo.switchTo("main");
    repo.write("g.txt", lines("g", 4)).commit("Dave");
    repo.merge("Erin", "topic");
    repo.remove("s").symlink("s", "g.txt").commit("Frank");
    assertNull(repo.differencesFromBlame());
  }

  @Test
  void aFileCopiedTwiceAndDeletedIsFollowedByBoth() {
    ShapeRepository repo = ShapeRepository.create(folder);
    repo.write("themes/github.ts", lines("theme", 40)).commit("Alice");
    String original = repo.read("themes/github.ts");
    repo.remove("themes/github.ts")
        .write("themes/github-light.ts", edited(original, 2))
        .write("themes/github-dark.ts", edited(original, 7))
        .write("themes/ayu-light.ts", edited(original, 11))
        .commit("Bob");
    assertNull(repo.differencesFromBlame());
  }

  @Test
  void manyFilesMovedIntoASubfolderWhileEditedAndCopied() {
    ShapeRepository repo = ShapeRepository.create(folder);
    for (int i = 0; i < 40; i++) {
      repo.write("skills/s" + i + "/SKILL.md", skill(i));
    }
    repo.commit("Alice");
    for (int i = 0; i < 40; i++) {
      String from = "skills/s" + i + "/SKILL.md";
      String content = repo.read(from);
      repo.remove(from).write(".agents/skills/s" + i + "/SKILL.md", edited(content, i % 9));
      if (i % 5 == 0) {
        repo.write(".claude/skills/s" + i + "/SKILL.md", edited(content, 1 + i % 7));
      }
    }
    repo.commit("Bob");
    assertNull(repo.differencesFromBlame());
  }

  @Test
  void aMoveOfManyFilesMergedFromABranch() {
    ShapeRepository repo = ShapeRepository.create(folder);
    for (int i = 0; i < 20; i++) {
      repo.write("tests/test_" + i + ".py", skill(i));
    }
    repo.commit("Alice");
    repo.newBranch("topic");
    for (int i = 0; i < 20; i++) {
      String from = "tests/test_" + i + ".py";
      String content = repo.read(from);
      repo.remove(from).write("tests/github/test_" + i + ".py", edited(content, 3));
      if (i % 2 == 0) {
        repo.write("tests/gitlab/test_gitlab_" + i + ".py", edited(content, 5));
      }
    }
    repo.commit("Bob");
    repo.switchTo("main");
    repo.write("tests/test_3.py", edited(repo.read("tests/test_3.py"), 12)).commit("Carol");
    repo.merge("Dave", "topic");
    assertNull(repo.differencesFromBlame());
  }

  @Test
  void aMergeThatMovesAndCopiesFilesItself() {
    ShapeRepository repo = ShapeRepository.create(folder);
    for (int i = 0; i < 6; i++) {
      repo.write("src/m" + i + ".txt", skill(i));
    }
    repo.commit("Alice");
    repo.newBranch("topic");
    repo.write("src/m1.txt", edited(repo.read("src/m1.txt"), 4)).commit("Bob");
    repo.switchTo("main");
    repo.write("src/m2.txt", edited(repo.read("src/m2.txt"), 6)).commit("Carol");
    repo.startMerge("topic");
    for (int i = 0; i < 6; i++) {
      String content = repo.read("src/m" + i + ".txt");
      repo.remove("src/m" + i + ".txt").write("lib/m" + i + ".txt", edited(content, 9));
      if (i < 3) {
        repo.write("copy/m" + i + ".txt", edited(content, 10));
      }
    }
    repo.commit("Dave");
    assertNull(repo.differencesFromBlame());
  }

  /**
   * A small diff whose blobs are read at once, then one so large that their sizes are asked first:
   * two cat-file processes, the first of which runs until the scan ends. Their standard errors were
   * drained in the common pool, one thread here, and closing the second waited for ever.
   */
  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang fails it
  void aSmallAndThenALargeDiffToFollow() {
    ShapeRepository repo = ShapeRepository.create(folder);
    for (int i = 0; i < 30; i++) {
      repo.write("src/f" + i + ".txt", skill(i));
    }
    repo.commit("Alice");
    String first = repo.read("src/f0.txt");
    repo.move("src/f0.txt", "src/g0.txt").write("src/h0.txt", edited(first, 1)).commit("Bob");
    for (int i = 1; i < 30; i++) {
      String content = repo.read("src/f" + i + ".txt");
      repo.remove("src/f" + i + ".txt").write("lib/f" + i + ".txt", edited(content, 2));
      repo.write("copy/f" + i + ".txt", edited(content, 3));
    }
    repo.commit("Carol");
    assertNull(repo.differencesFromBlame());
  }

  @Test
  void theSamePathInAnotherParentComesBeforeARenameInTheFirst() {
    ShapeRepository repo = ShapeRepository.create(folder);
    repo.write("docs/logo.svg", "<svg/>\n").write("README.md", lines("readme", 2));
    repo.commit("Alice");
    repo.newBranch("topic");
    repo.remove("docs/logo.svg").commit("Bob");
    repo.write("docs/public/favicon.svg", "<svg/>\n").commit("Carol");
    repo.switchTo("main");
    repo.write("README.md", lines("readme", 3)).commit("Dave");
    // The merge's first parent still has docs/logo.svg: the diff calls favicon.svg its rename,
    // but blame finds favicon.svg itself in the second parent first.
    repo.merge("Erin", "topic");
    assertNull(repo.differencesFromBlame());
  }

  @Test
  void aUniqueFileNameWinsOverABetterMatchWithAnotherName() {
    ShapeRepository repo = ShapeRepository.create(folder);
    String base = lines("shared", 20);
    repo.write("a/util.txt", edited(edited(base, 1), 5))
        .write("a/other.txt", edited(base, 3))
        .commit("Alice");
    // b/util.txt is closer to a/other.txt, but a/util.txt is the only source named util.txt and
    // alike enough (75%): blame (one file at a time) takes it. The diff, which sees two new files
    // named util.txt, takes the better match.
    repo.remove("a/util.txt")
        .remove("a/other.txt")
        .write("b/util.txt", base)
        .write("c/util.txt", lines("unrelated", 20))
        .commit("Bob");
    assertNull(repo.differencesFromBlame());
  }

  @Test
  void moreRenameCandidatesThanTheDiffsLimit() {
    ShapeRepository repo = ShapeRepository.create(folder);
    // 1,000 sources and 1,001 destinations: past the diff's 1,000 x 1,000, git log -M pairs only
    // identical files, while blame still finds an edited one. The other files are binary and tiny,
    // so that only one file is blamed.
    for (int i = 0; i < 999; i++) {
      repo.write("old/b" + i + ".bin", binary(i, 1));
    }
    repo.write("old/notes.txt", lines("note", 30)).commit("Alice");
    for (int i = 0; i < 999; i++) {
      repo.remove("old/b" + i + ".bin");
    }
    for (int i = 0; i < 1000; i++) {
      repo.write("new/c" + i + ".bin", binary(i, 2));
    }
    String notes = repo.read("old/notes.txt");
    repo.remove("old/notes.txt").write("new/renamed-notes.txt", edited(notes, 4)).commit("Bob");
    assertNull(repo.differencesFromBlame());
  }

  @Test
  void aSubmoduleAmongFilesWhateverTheUsersDiffSubmoduleSetting() {
    ShapeRepository repo = ShapeRepository.create(folder);
    // With diff.submodule=log, git prints a submodule's change without a "diff --git" header:
    // the patches that follow it would be taken for the wrong files.
    repo.git().run("config", "diff.submodule", "log");
    repo.write("a.txt", lines("a", 3)).write("z.txt", lines("z", 3)).commit("Alice");
    String first = repo.head();
    repo.git().run("update-index", "--add", "--cacheinfo", "160000," + first + ",m/sub");
    repo.write("a.txt", lines("a", 4)).write("z.txt", lines("z", 4));
    repo.commitIndex("Bob", "a.txt", "z.txt");
    repo.git().run("update-index", "--cacheinfo", "160000," + repo.head() + ",m/sub");
    repo.write("a.txt", lines("a", 5)).write("z.txt", lines("z", 5));
    repo.commitIndex("Carol", "a.txt", "z.txt");
    assertNull(repo.differencesFromBlame());
  }

  @Test
  void closeHunksWhateverTheUsersInterHunkContext() {
    ShapeRepository repo = ShapeRepository.create(folder);
    // diff.interHunkContext=3 fuses hunks up to three lines apart, the lines between them printed
    // as context inside one hunk: taken as changed, they would go to the wrong commit.
    repo.git().run("config", "diff.interHunkContext", "3");
    repo.write("f.txt", lines("f", 8)).commit("Alice");
    repo.write("f.txt", repo.read("f.txt").replace("f 2\n", "two\n").replace("f 5\n", "five\n"));
    repo.commit("Bob");
    assertNull(repo.differencesFromBlame());
  }

  /**
   * Known and left: blame diffs a file's binary versions as text and hands lines through them,
   * while the engine gives binary files no lines (and git log prints no hunks for them), so the
   * lines of a file that was binary for a while go to the commit that made it text again, or, when
   * git's diff of that commit is binary too, to nobody.
   */
  @Test
  @Disabled("the engine has no lines for binary versions; see the comment")
  void aFileThatWasBinaryForAWhile() {
    ShapeRepository repo = ShapeRepository.create(folder);
    repo.write("f.txt", lines("a", 5)).commit("Alice");
    repo.write("f.txt", lines("a", 5) + "\0\n").commit("Bob");
    repo.write("f.txt", lines("a", 5) + "c\n").commit("Carol");
    assertNull(repo.differencesFromBlame());
  }

  /** {@code count} numbered lines. */
  static String lines(String word, int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= count; i++) {
      text.append(word).append(' ').append(i).append('\n');
    }
    return text.toString();
  }

  /** The text with line {@code line} (counted from 0, modulo the length) rewritten. */
  static String edited(String text, int line) {
    String[] lines = text.split("\n", -1);
    int index = line % Math.max(1, lines.length - 1);
    lines[index] = lines[index] + " (edited " + line + ")";
    return String.join("\n", lines);
  }

  /** A skill file: a shared template around a few lines of its own, so that sources compete. */
  private static String skill(int i) {
    return "---\nname: skill " + i + "\n---\n" + lines("template", 12) + lines("own " + i, 4);
  }

  private static byte[] binary(int i, int variant) {
    return ("\0" + variant + "-" + i + "-" + "x".repeat(i % 7)).getBytes();
  }
}
