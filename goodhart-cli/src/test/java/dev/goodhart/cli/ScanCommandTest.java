package dev.goodhart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goodhart.model.git.CommitFact;
import dev.goodhart.store.duckdb.DuckDbStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code goodhart scan} through the real command line, on a repository made by the real git. */
class ScanCommandTest {
  @TempDir Path folder;
  CliHarness cli;
  Path repo;
  int tick;

  @BeforeEach
  void makeRepository() throws Exception {
    cli = new CliHarness(folder);
    repo = folder.resolve("repo");
    Files.createDirectories(repo);
    git("init", "-q", "-b", "main");
    write("app.py", "def main():\n    pass\n}\n\n}\n");
    git("add", ".");
    git("commit", "-qm", "Start the app");
    write("app.py", "def main():\n    run()\n}\n\n}\ndef run():\n    return 1\n");
    git("commit", "-qam", "Run it\n\nCo-Authored-By: Claude Sonnet 4.5 <noreply@anthropic.com>");
    git("checkout", "-qb", "feature");
    write("util.py", "x = 1\n");
    git("add", ".");
    git("commit", "-qm", "Add util");
    git("checkout", "-q", "main");
    git("merge", "-q", "--no-ff", "feature", "-m", "Merge pull request #12 from acme/feature");
  }

  @Test
  void jsonLinesHaveEveryFieldAndBlamesCounts() throws Exception {
    CliHarness.Result result = cli.run("scan", repo.toString(), "--json");

    assertEquals(0, result.exitCode(), result::toString);
    List<JsonNode> commits = lines(result.out());
    assertEquals(4, commits.size());
    for (String field :
        List.of(
            "sha",
            "parents",
            "authorEmail",
            "authoredAt",
            "subject",
            "added",
            "deleted",
            "isMerge",
            "aiAgent",
            "aiEvidence",
            "sessionIds",
            "prNumber",
            "revertOf",
            "aliveAtHead",
            "alive7d",
            "alive30d",
            "alive90d",
            "reworked21d")) {
      assertTrue(commits.getFirst().has(field), field);
    }
    JsonNode ai = commits.get(1);
    assertEquals("claude-code", ai.get("aiAgent").asText());
    assertEquals("co-author-trailer", ai.get("aiEvidence").get(0).get("kind").asText());
    JsonNode merge = commits.getLast();
    assertTrue(merge.get("isMerge").asBoolean());
    assertEquals(12, merge.get("prNumber").asInt());
    Map<String, Long> ours = new HashMap<>();
    for (JsonNode commit : commits) {
      if (commit.get("aliveAtHead").asLong() > 0) {
        ours.put(commit.get("sha").asText(), commit.get("aliveAtHead").asLong());
      }
    }
    assertEquals(blameCounts(), ours);
    assertNull(commits.getFirst().get("revertOf").textValue());
  }

  @Test
  void aSecondScanOfAnUnmovedBranchIsSkippedAndForceScansAgain() {
    assertEquals(0, cli.run("scan", repo.toString()).exitCode());

    CliHarness.Result again = cli.run("scan", repo.toString());
    assertEquals(0, again.exitCode(), again::toString);
    assertTrue(again.err().contains("unchanged"), again.err());

    CliHarness.Result forced = cli.run("scan", repo.toString(), "--force");
    assertTrue(forced.out().contains("4 commits"), forced.out());
  }

  @Test
  void aRescanWalksOnlyTheNewCommitsAndEndsWithBlamesCounts() throws Exception {
    assertEquals(0, cli.run("scan", repo.toString()).exitCode());
    write("app.py", "def main():\n    run()\n}\n\n}\ndef run():\n    return 2\n");
    git("commit", "-qam", "Return two");
    write("util.py", "x = 1\ny = 2\n");
    git("commit", "-qam", "Add y");

    CliHarness.Result again = cli.run("scan", repo.toString());

    assertEquals(0, again.exitCode(), again::toString);
    assertTrue(
        again.out().contains("6 commits") && again.out().contains("walked 2 new commits"),
        again.out());
    Map<String, Long> stored = new HashMap<>();
    try (DuckDbStore store = DuckDbStore.open(cli.data, DuckDbStore.Settings.defaults())) {
      String id = store.repositories().getFirst().repository().id();
      for (CommitFact commit : store.commits(id)) {
        if (commit.fate().aliveAtHead() > 0) {
          stored.put(commit.sha(), commit.fate().aliveAtHead());
        }
      }
    }
    assertEquals(blameCounts(), stored);
  }

  @Test
  void survivalJsonHasACurveForAiAndHumanLines() {
    CliHarness.Result result = cli.run("scan", repo.toString(), "--json", "--survival");

    assertEquals(0, result.exitCode(), result::toString);
    JsonNode survival = result.json().get("survival");
    assertTrue(survival.get("ai").get("lines").asLong() > 0);
    assertTrue(survival.get("human").get("lines").asLong() > 0);
    assertEquals(1.0, survival.get("ai").get("at").get(0).get("survival").asDouble(), 1e-9);
  }

  @Test
  void aFolderThatIsNoRepositoryOrAnUnknownBranchIsAUsageError() throws IOException {
    Path plain = Files.createDirectories(folder.resolve("plain"));
    CliHarness.Result notRepository = cli.run("scan", plain.toString());
    assertEquals(2, notRepository.exitCode(), notRepository::toString);
    assertTrue(notRepository.err().contains("not inside a git repository"), notRepository.err());

    CliHarness.Result noBranch = cli.run("scan", repo.toString(), "--branch", "nope");
    assertEquals(2, noBranch.exitCode(), noBranch::toString);
    assertTrue(noBranch.err().contains("branch 'nope' does not exist"), noBranch.err());
  }

  private List<JsonNode> lines(String out) throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        nodes.add(CliHarness.JSON.readTree(line));
      }
    }
    return nodes;
  }

  private Map<String, Long> blameCounts() throws Exception {
    Map<String, Long> counts = new HashMap<>();
    for (String file : git("ls-tree", "-r", "--name-only", "HEAD").split("\n")) {
      if (file.isBlank()) {
        continue;
      }
      for (String line : git("blame", "--line-porcelain", "HEAD", "--", file).split("\n")) {
        if (line.matches("^[0-9a-f]{40} \\d+ \\d+( \\d+)?$")) {
          counts.merge(line.substring(0, 40), 1L, Long::sum);
        }
      }
    }
    return counts;
  }

  private void write(String file, String text) throws IOException {
    Files.writeString(repo.resolve(file), text);
  }

  private String git(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    String date = Instant.parse("2026-01-05T10:00:00Z").plusSeconds(3600L * tick++).toString();
    builder
        .environment()
        .putAll(
            Map.of(
                "GIT_CONFIG_GLOBAL", "/dev/null",
                "GIT_CONFIG_NOSYSTEM", "1",
                "GIT_AUTHOR_NAME", "Dev",
                "GIT_AUTHOR_EMAIL", "dev@example.com",
                "GIT_COMMITTER_NAME", "Dev",
                "GIT_COMMITTER_EMAIL", "dev@example.com",
                "GIT_AUTHOR_DATE", date,
                "GIT_COMMITTER_DATE", date));
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new AssertionError(command + ": " + out);
    }
    return out;
  }
}
