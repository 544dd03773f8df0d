package dev.goodhart.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LargeRepositoryTest {
  /** The empty tree's id: a diff against it lists every file at HEAD, binary ones as "-". */
  private static final String EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

  @TempDir Path folder;

  @Test
  void makesTheCommitsAndFilesAskedForInAValidRepository() {
    Path out = folder.resolve("repository");
    RepositoryShape shape = LargeRepository.generate(new LargeRepositoryOptions(out, 150, 40, 7));
    GitCommand git = new GitCommand(out);

    assertEquals(150, shape.commits());
    assertEquals("150", git.run("rev-list", "--count", "HEAD").strip());
    assertEquals("", git.run("fsck", "--full", "--strict").strip());
    assertEquals("", git.run("status", "--porcelain").strip(), "checked out and clean");
    assertEquals("refs/heads/main", git.run("for-each-ref", "--format=%(refname)").strip());

    int text = 0;
    int binary = 0;
    long lines = 0;
    for (String row : rows(git.run("diff", "--numstat", EMPTY_TREE, "HEAD"))) {
      String[] fields = row.split("\t");
      if (fields[0].equals("-")) {
        binary++;
      } else {
        int length = Integer.parseInt(fields[0]);
        assertTrue(length >= 50 && length <= 400, fields[2] + " has " + length + " lines");
        text++;
        lines += length;
      }
    }
    assertEquals(40, text);
    assertEquals(shape.binaryFilesAtHead(), binary);
    assertTrue(binary > 0, "a few binary files");
    assertEquals(shape.linesAtHead(), lines);
  }

  @Test
  void mergesBranchesRenamesFilesAndHasAgentsAmongItsAuthors() {
    Path out = folder.resolve("repository");
    RepositoryShape shape = LargeRepository.generate(new LargeRepositoryOptions(out, 150, 40, 7));
    GitCommand git = new GitCommand(out);

    List<String> merges = rows(git.run("rev-list", "--merges", "--parents", "HEAD"));
    assertTrue(shape.merges() > 0, "merges: " + shape.merges());
    assertEquals(shape.merges(), merges.size());
    for (String merge : merges) {
      String[] shas = merge.split(" ");
      assertEquals(3, shas.length, "a merge and its two parents: " + merge);
      // The tree the generator wrote is the one git's own merge makes, without conflicts.
      String merged =
          git.run("merge-tree", "--write-tree", shas[1], shas[2]).lines().findFirst().orElseThrow();
      assertEquals(git.run("rev-parse", shas[0] + "^{tree}").strip(), merged, merge);
    }
    assertTrue(
        rows(git.run("log", "--name-status", "-M", "--format=", "HEAD")).stream()
            .anyMatch(row -> row.matches("R\\d+\t.*\t.*")),
        "git sees renames");
    assertTrue(shape.deletions() > 0 && shape.reAdds() > 0, shape.toString());
    assertTrue(
        git.run("log", "--format=%B", "HEAD")
            .contains("Co-Authored-By: Claude <noreply@anthropic.com>"));
    assertTrue(shape.aiCommits() > 0 && shape.aiCommits() < shape.commits(), shape.toString());
    assertTrue(
        Duration.between(shape.firstCommit(), shape.lastCommit()).toDays() > 700,
        "about two years of history");
  }

  @Test
  void theSameSeedMakesTheSameRepository() {
    List<String> heads =
        List.of("first", "second").stream()
            .map(
                name -> {
                  Path out = folder.resolve(name);
                  LargeRepository.generate(new LargeRepositoryOptions(out, 40, 10, 3));
                  return new GitCommand(out).run("rev-parse", "HEAD");
                })
            .toList();
    assertEquals(heads.get(0), heads.get(1));
  }

  @Test
  void refusesAFolderThatIsNotEmpty() throws IOException {
    Path out = Files.createDirectories(folder.resolve("taken"));
    Files.writeString(out.resolve("file"), "mine");
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> LargeRepository.generate(new LargeRepositoryOptions(out, 40, 10, 3)));
    assertTrue(error.getMessage().contains("is not empty"), error.getMessage());
  }

  @Test
  void readsItsOptionsAndSaysWhatIsWrong() {
    LargeRepositoryOptions options =
        LargeRepositoryOptions.parse("--out", "x", "--commits", "300", "--seed", "9");
    assertEquals(new LargeRepositoryOptions(Path.of("x"), 300, 600, 9), options);
    assertEquals(
        "--commits must be a whole number, found 'many'",
        assertThrows(
                IllegalArgumentException.class,
                () -> LargeRepositoryOptions.parse("--out", "x", "--commits", "many"))
            .getMessage());
    assertEquals(
        "--out DIR is required",
        assertThrows(IllegalArgumentException.class, () -> LargeRepositoryOptions.parse())
            .getMessage());
  }

  private static List<String> rows(String output) {
    return output.lines().filter(line -> !line.isBlank()).toList();
  }
}
