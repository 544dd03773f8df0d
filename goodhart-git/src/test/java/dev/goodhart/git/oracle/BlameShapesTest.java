package dev.goodhart.git.oracle;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shapes of history where the engine once disagreed with {@code git blame} on real repositories:
 * type changes (a file becoming a symlink and back), a merge whose other parent has the file its
 * first parent's diff calls a rename. Each builds the shape in a real repository and compares the
 * engine with blame file by file.
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

  /** {@code count} numbered lines. */
  static String lines(String word, int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= count; i++) {
      text.append(word).append(' ').append(i).append('\n');
    }
    return text.toString();
  }
}
