package dev.goodhart.git.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlameOracleTest {
  private static final String SHA_A = "a".repeat(40);
  private static final String SHA_B = "0123456789abcdef0123456789abcdef01234567";

  @TempDir Path folder;

  @Test
  void countsATinyHistoryByHand() throws Exception {
    GitCli git = GitCli.in(folder);
    git.run("init", "-q");
    write("a.txt", "one\ntwo\nthree\n");
    write("crlf.txt", "x\r\ny\r\n");
    write("logo.bin", new byte[] {0, 1, '\n', 2, '\n'});
    git.run("add", "-A");
    String first = commit(git, "Alice", 1);

    write("a.txt", "one\nTWO\nthree\nfour"); // no final newline: blame still counts "four"
    String second = commit(git, "Bob", 2);

    git.run("mv", "a.txt", "b.txt"); // blame follows a whole-file rename
    String rename = commit(git, "Carol", 3);

    write("crlf.txt", "x\r\nz\r\n");
    write("logo.bin", new byte[] {0, '\n', 3, '\n', '\n'});
    String fourth = commit(git, "Dave", 4);

    assertEquals(Map.of(first, 3L, second, 2L, fourth, 1L), BlameOracle.aliveAt(folder, "HEAD"));
    assertEquals(
        Map.of(
            "b.txt", Map.of(first, 2L, second, 2L),
            "crlf.txt", Map.of(first, 1L, fourth, 1L)),
        BlameOracle.aliveAtByFile(folder, "HEAD"));
    assertEquals(Map.of(first, 4L, second, 2L), BlameOracle.aliveAt(folder, second));
    assertEquals(List.of("b.txt", "crlf.txt"), BlameOracle.textFiles(folder, rename));
  }

  @Test
  void aCleanMergeOwnsNoLine() throws Exception {
    GitCli git = GitCli.in(folder);
    git.run("init", "-q");
    write("f.txt", "a\n}\nb\n}\n");
    git.run("add", "-A");
    String base = commit(git, "Alice", 1);
    git.run("switch", "-q", "-c", "topic");
    write("f.txt", "x\na\n}\nb\n}\n");
    String topic = commit(git, "Bob", 2);
    git.run("switch", "-q", "main");
    write("f.txt", "a\n}\nb\n}\nc\n}\n");
    String main = commit(git, "Carol", 3);
    git.run("merge", "-q", "--no-ff", "-m", "Merge branch 'topic'", "topic");

    assertEquals(Map.of(base, 4L, topic, 1L, main, 2L), BlameOracle.aliveAt(folder, "HEAD"));
  }

  /** Over whole random histories: the counts add up to the lines of the text files at HEAD. */
  @ParameterizedTest
  @ValueSource(longs = {101, 202})
  void countsEveryTextLineAtHeadOnce(long seed) {
    RandomHistory history =
        RandomHistory.generate(
            folder.resolve("repo"), RandomHistoryOptions.seed(seed).withTargetCommits(50));
    Path repository = history.repository();
    GitCli git = GitCli.in(repository);
    Map<String, Map<String, Long>> byFile = BlameOracle.aliveAtByFile(repository, "HEAD");

    Map<String, Long> linesAtHead = new TreeMap<>();
    for (String path : BlameOracle.textFiles(repository, "HEAD")) {
      linesAtHead.put(path, lineCount(git.output("show", "HEAD:" + path)));
    }
    Map<String, Long> blamed = new TreeMap<>();
    byFile.forEach(
        (path, counts) -> blamed.put(path, counts.values().stream().mapToLong(n -> n).sum()));
    assertEquals(linesAtHead, blamed, history.describe());
    assertFalse(byFile.containsKey(FileChanges.BINARY), "the binary file has no lines");
    assertTrue(byFile.containsKey(FileChanges.NO_FINAL_NEWLINE), history.describe());
    assertTrue(byFile.containsKey(FileChanges.CRLF), history.describe());

    Map<String, Long> total = BlameOracle.aliveAt(repository, "HEAD");
    assertEquals(
        linesAtHead.values().stream().mapToLong(n -> n).sum(),
        total.values().stream().mapToLong(n -> n).sum());
    Set<String> reachable = Set.of(git.run("rev-list", "HEAD").split("\n"));
    assertTrue(reachable.containsAll(total.keySet()), "blame names only commits HEAD reaches");
  }

  @Test
  void readsLinePorcelainAsBytes() throws Exception {
    String porcelain =
        SHA_A
            + " 1 1 2\nauthor A\nsummary a\tsummary with a tab\nfilename f\n\tfirst\r\n"
            + SHA_A
            + " 2 2\nauthor A\nprevious "
            + SHA_B
            + " f\nfilename f\n\t\n"
            + SHA_B
            + " 1 3 1\nauthor B\nboundary\nfilename f\n\t\tindented, no final newline\n";
    assertEquals(
        Map.of(SHA_A, 2L, SHA_B, 1L),
        LinePorcelain.countLinesByCommit(
            new ByteArrayInputStream(porcelain.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void refusesOutputThatIsNotLinePorcelain() {
    assertThrows(
        IllegalStateException.class,
        () ->
            LinePorcelain.countLinesByCommit(
                new ByteArrayInputStream(
                    "\tline without header\n".getBytes(StandardCharsets.UTF_8))));
    assertThrows(
        IllegalStateException.class,
        () ->
            LinePorcelain.countLinesByCommit(
                new ByteArrayInputStream(
                    "not-a-sha 1 1 1\n\tline\n".getBytes(StandardCharsets.UTF_8))));
  }

  /** As blame counts them: a last line without a newline is a line. */
  static long lineCount(byte[] content) {
    long newlines = 0;
    for (byte b : content) {
      if (b == '\n') {
        newlines++;
      }
    }
    boolean unterminated = content.length > 0 && content[content.length - 1] != '\n';
    return newlines + (unterminated ? 1 : 0);
  }

  private void write(String path, String content) throws Exception {
    write(path, content.getBytes(StandardCharsets.UTF_8));
  }

  private void write(String path, byte[] content) throws Exception {
    Files.write(folder.resolve(path), content);
  }

  private static String commit(GitCli git, String name, int day) {
    Signature who =
        new Signature(
            name,
            name.toLowerCase(java.util.Locale.ROOT) + "@example.com",
            Instant.parse("2025-01-01T10:00:00Z").plusSeconds(86_400L * day),
            ZoneOffset.UTC);
    git.committing(who, who).run("commit", "-q", "-a", "-m", "commit by " + name);
    return git.run("rev-parse", "HEAD").strip();
  }
}
