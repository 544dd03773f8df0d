package dev.goodhart.git;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.goodhart.model.git.CommitFact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanSmokeTest {
  @TempDir Path repo;
  int clock = 0;

  String git(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("GIT_CONFIG_GLOBAL", "/dev/null");
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_AUTHOR_NAME", "a");
    env.put("GIT_AUTHOR_EMAIL", "a@x");
    env.put("GIT_COMMITTER_NAME", "a");
    env.put("GIT_COMMITTER_EMAIL", "a@x");
    String date = "2026-01-01T00:00:00Z";
    date = Instant.parse(date).plusSeconds(3600L * clock++).toString();
    env.put("GIT_AUTHOR_DATE", date);
    env.put("GIT_COMMITTER_DATE", date);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new AssertionError(command + ": " + out);
    }
    return out;
  }

  void write(String file, String text) throws IOException {
    Files.writeString(repo.resolve(file), text);
  }

  Map<String, Long> blame() throws Exception {
    Map<String, Long> counts = new HashMap<>();
    for (String file : git("ls-tree", "-r", "--name-only", "HEAD").split("\n")) {
      if (file.isBlank()) continue;
      for (String line : git("blame", "--line-porcelain", "HEAD", "--", file).split("\n")) {
        if (line.matches("^[0-9a-f]{40} \\d+ \\d+( \\d+)?$")) {
          counts.merge(line.substring(0, 40), 1L, Long::sum);
        }
      }
    }
    return counts;
  }

  @Test
  void matchesBlameOnASmallHistoryWithAMergeAndARename() throws Exception {
    git("init", "-q", "-b", "main");
    write("a.txt", "one\ntwo\nthree\n}\n\n}\n");
    git("add", ".");
    git("commit", "-qm", "first");
    git("checkout", "-qb", "side");
    write("a.txt", "one\ntwo changed\nthree\n}\n\n}\nfour\n");
    write("b.txt", "b1\nb2\n");
    git("add", ".");
    git("commit", "-qm", "side work");
    git("checkout", "-q", "main");
    git("mv", "a.txt", "c.txt");
    write("d.txt", "d\n}\n");
    git("add", ".");
    git("commit", "-qm", "rename");
    git("merge", "-q", "--no-ff", "side", "-m", "Merge pull request #1 from o/side");
    write("d.txt", "}\nd\n}\n}\n");
    git("commit", "-qam", "edit d");

    RepositoryScanner.Result result = scanMatchesBlame();
    assertEquals(5, result.commits().size());
  }

  @Test
  void aMergeThatCombinesEditsFromBothSidesOfARenamedFile() throws Exception {
    git("init", "-q", "-b", "main");
    write("a.txt", "1\n2\n3\n4\n5\n6\n7\n8\n");
    git("add", ".");
    git("commit", "-qm", "first");
    git("checkout", "-qb", "side");
    git("mv", "a.txt", "moved.txt");
    write("moved.txt", "1\n2\nside\n3\n4\n5\n6\n7\n8\n");
    git("add", ".");
    git("commit", "-qm", "side renames and edits");
    git("checkout", "-q", "main");
    write("a.txt", "1\n2\n3\n4\n5\n6\nmain\n7\n8\n");
    git("commit", "-qam", "main edits");
    git("merge", "-q", "--no-ff", "side", "-m", "merge");
    // The merge holds lines of main, of side and of the first commit in one renamed file.
    assertEquals(3, scanMatchesBlame().commits().stream().filter(c -> alive(c) > 0).count());
  }

  @Test
  void anOctopusWhoseTreeIsItsSecondParents() throws Exception {
    git("init", "-q", "-b", "main");
    write("a.txt", "a\n");
    git("add", ".");
    git("commit", "-qm", "first");
    String first = git("rev-parse", "HEAD").strip();
    git("checkout", "-qb", "two");
    write("b.txt", "b\n");
    git("add", ".");
    git("commit", "-qm", "two");
    String two = git("rev-parse", "HEAD").strip();
    git("checkout", "-q", "-b", "three", first);
    write("a.txt", "a\nthree\n");
    git("commit", "-qam", "three");
    String three = git("rev-parse", "HEAD").strip();
    // git prints no section for the second parent (same tree): the sections must still line up.
    String octopus =
        git("commit-tree", two + "^{tree}", "-p", first, "-p", two, "-p", three, "-m", "octopus")
            .strip();
    git("checkout", "-q", "main");
    git("reset", "-q", "--hard", octopus);
    scanMatchesBlame();
  }

  @Test
  void anOctopusThatTakesFromEveryParentAndAddsItsOwnLines() throws Exception {
    git("init", "-q", "-b", "main");
    write("a.txt", "1\n2\n3\n4\n5\n6\n");
    git("add", ".");
    git("commit", "-qm", "first");
    git("checkout", "-qb", "two");
    write("a.txt", "two\n1\n2\n3\n4\n5\n6\n");
    git("commit", "-qam", "two");
    git("checkout", "-q", "-b", "three", "main");
    write("a.txt", "1\n2\n3\n4\n5\n6\nthree\n");
    git("commit", "-qam", "three");
    git("checkout", "-q", "main");
    write("a.txt", "1\n2\n3\nmain\n4\n5\n6\n");
    git("commit", "-qam", "main");
    git("merge", "-q", "--no-ff", "--no-commit", "two", "three");
    write("a.txt", "two\n1\n2\n3\nmain\n4\nown\n5\n6\nthree\n");
    git("add", ".");
    git("commit", "-qm", "octopus");
    assertEquals(5, scanMatchesBlame().commits().stream().filter(c -> alive(c) > 0).count());
  }

  @Test
  void aNoFastForwardMergeOfABranchMainNeverMovedPast() throws Exception {
    git("init", "-q", "-b", "main");
    write("a.txt", "a\n");
    git("add", ".");
    git("commit", "-qm", "first");
    git("checkout", "-qb", "side");
    write("a.txt", "a\nside\n");
    git("commit", "-qam", "side");
    git("checkout", "-q", "main");
    git("merge", "-q", "--no-ff", "side", "-m", "merge");
    scanMatchesBlame();
  }

  private static long alive(CommitFact commit) {
    return commit.fate().aliveAtHead();
  }

  /** Scans the repository and checks every commit's lines at head against git blame. */
  private RepositoryScanner.Result scanMatchesBlame() throws Exception {
    RepositoryScanner scanner =
        new RepositoryScanner(RepositoryScanner.AnnotationSource.MESSAGES_ONLY);
    RepositoryScanner.Result result =
        scanner.scan(
            repo,
            new RepositoryScanner.Options(null, Instant.parse("2027-01-01T00:00:00Z")),
            RepositoryScanner.Listener.SILENT);

    Map<String, Long> ours = new HashMap<>();
    for (CommitFact commit : result.commits()) {
      if (commit.fate().aliveAtHead() > 0) {
        ours.put(commit.sha(), commit.fate().aliveAtHead());
      }
    }
    assertEquals(blame(), ours);
    return result;
  }
}
