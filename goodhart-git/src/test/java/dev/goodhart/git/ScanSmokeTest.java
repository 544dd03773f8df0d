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
    assertEquals(5, result.commits().size());
  }
}
