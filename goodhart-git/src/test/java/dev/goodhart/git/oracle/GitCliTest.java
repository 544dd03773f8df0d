package dev.goodhart.git.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCliTest {
  @TempDir Path folder;

  @Test
  void seesNoConfigurationButItsOwn() {
    GitCli git = GitCli.in(folder);
    git.run("init", "-q");
    // Only the -c settings, which git reports as coming from the command line, and the new
    // repository's own config.
    for (String line : git.run("config", "--list", "--show-origin").split("\n")) {
      assertTrue(
          line.startsWith("command line:") || line.startsWith("file:.git/config"),
          "unexpected config source: " + line);
    }
    assertEquals("main", git.run("symbolic-ref", "--short", "HEAD").strip());
  }

  @Test
  void commitsWithTheGivenIdentitiesAndDates() throws Exception {
    GitCli git = GitCli.in(folder);
    git.run("init", "-q");
    Files.writeString(folder.resolve("a.txt"), "a\n");
    git.run("add", "a.txt");
    Signature author =
        new Signature(
            "Dana (aider)",
            "dana@example.com",
            Instant.parse("2025-03-01T10:00:00Z"),
            ZoneOffset.ofHoursMinutes(5, 30));
    Signature committer =
        new Signature(
            "GitHub", "noreply@github.com", Instant.parse("2025-03-02T11:00:00Z"), ZoneOffset.UTC);
    git.committing(author, committer)
        .runWithInput("first 🤖\n".getBytes(StandardCharsets.UTF_8), "commit", "-q", "-F", "-");
    assertEquals(
        "Dana (aider) <dana@example.com> 2025-03-01T15:30:00+05:30"
            + " | GitHub <noreply@github.com> 2025-03-02T11:00:00+00:00",
        git.run("log", "-1", "--format=%an <%ae> %aI | %cn <%ce> %cI").strip());
    assertEquals("first 🤖", git.run("log", "-1", "--format=%s").strip());
  }

  @Test
  void aFailureNamesTheCommandTheExitCodeAndWhatGitSaid() {
    GitCli git = GitCli.in(folder);
    git.run("init", "-q");
    GitCommandFailedException failure =
        assertThrows(
            GitCommandFailedException.class, () -> git.run("rev-parse", "--verify", "no-such-ref"));
    assertEquals(128, failure.exitCode());
    assertTrue(failure.getMessage().contains("exit code 128"), failure.getMessage());
    assertTrue(
        failure.getMessage().contains("rev-parse --verify no-such-ref"), failure.getMessage());
    assertTrue(
        failure.getMessage().contains("fatal: Needed a single revision"), failure.getMessage());
  }
}
