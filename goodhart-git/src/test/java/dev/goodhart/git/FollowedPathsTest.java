package dev.goodhart.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.git.history.FollowedPaths;
import dev.goodhart.git.oracle.GitCli;
import dev.goodhart.git.oracle.Signature;
import dev.goodhart.model.git.CommitFact;
import dev.goodhart.model.git.CommittedLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Line provenance follows the lines of the files agents wrote, not of the whole history: the
 * repository paths each written path names, what that leaves out of a scan, and when a walk that
 * followed some files can go on for more.
 */
class FollowedPathsTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant NOW = Instant.parse("2027-01-01T00:00:00Z");

  @TempDir Path repo;
  int hour;

  @Test
  void aWrittenPathNamesTheRepositoryPathsItEndsAtAFolderBoundary() {
    FollowedPaths paths =
        FollowedPaths.of(Map.of("/home/me/shop/src/totals.py", T0, "notes/todo.md", T0));

    assertTrue(paths.follows("src/totals.py"));
    assertTrue(paths.follows("totals.py"), "a clone elsewhere: the path ends the written one");
    assertTrue(paths.follows("shop/src/totals.py"));
    assertTrue(paths.follows("notes/todo.md"));
    assertFalse(paths.follows("otals.py"), "not at a folder boundary");
    assertFalse(paths.follows("src/other.py"));
    assertFalse(paths.follows(null));
    assertTrue(paths.follows("old/name.py", "src/totals.py"), "by its new path");
    assertTrue(paths.follows("src/totals.py", "src/renamed.py"), "by the path it was renamed from");
    assertTrue(FollowedPaths.ALL.follows("anything/at/all.go"));
  }

  @Test
  void aWalkGoesOnForFilesFirstWrittenAfterTheCommitsItWalked() {
    Instant walked = T0.plusSeconds(3600);
    FollowedPaths before = FollowedPaths.of(Map.of("/w/a.py", T0));

    assertTrue(FollowedPaths.of(Map.of("/w/a.py", T0)).extend(before, walked), "nothing new");
    assertTrue(
        FollowedPaths.of(Map.of("/w/a.py", T0, "/w/b.py", walked.plusSeconds(1)))
            .extend(before, walked),
        "b.py was first written after every walked commit: none of them holds its lines");
    assertFalse(
        FollowedPaths.of(Map.of("/w/a.py", T0, "/w/b.py", walked)).extend(before, walked),
        "a late log: b.py was written before a walked commit, whose lines were not followed");
    assertTrue(FollowedPaths.of(Map.of()).extend(FollowedPaths.ALL, walked));
    assertFalse(FollowedPaths.ALL.extend(before, walked));
  }

  @Test
  void aScanFollowsOnlyTheWrittenFilesAndTheirFateIsTheSame() throws Exception {
    git("init", "-q", "-b", "main");
    write("a.py", "def a():\n    return 1\n");
    write("vendor/big.go", "package big\n\nvar x = 1\nvar y = 2\n");
    git("add", ".");
    git("commit", "-qm", "first");
    write("a.py", "def a():\n    return 2\n\ndef b():\n    return 3\n");
    write("vendor/big.go", "package big\n\nvar x = 3\n");
    git("commit", "-qam", "second");
    git("mv", "a.py", "moved.py");
    git("commit", "-qm", "move");

    FollowedPaths written = FollowedPaths.of(Map.of("/elsewhere/clone/a.py", T0));
    RepositoryScanner.Result some = scan(written, null);
    RepositoryScanner.Result all = scan(FollowedPaths.ALL, null);

    assertEquals(setOf("a.py"), paths(some), "only the written file's lines, in the commits of it");
    assertEquals(setOf("a.py", "vendor/big.go"), paths(all));
    assertEquals(facts(all), facts(some), "what is followed changes no commit's line fate");
    for (CommittedLines file : some.lines().lines()) {
      CommittedLines same =
          all.lines().lines().stream()
              .filter(f -> f.sha().equals(file.sha()) && f.path().equals(file.path()))
              .findFirst()
              .orElseThrow();
      assertEquals(same, file, "a followed file's lines are the ones a whole walk gives");
    }
  }

  @Test
  void aResumedWalkFollowsAFileWrittenSinceAndALateLogWalksAgain() throws Exception {
    git("init", "-q", "-b", "main");
    write("a.py", "print('a')\n");
    write("b.py", "print('b')\n");
    git("add", ".");
    git("commit", "-qm", "first");
    RepositoryScanner.Result first = scan(FollowedPaths.of(Map.of("/w/a.py", T0)), null);
    Instant walkedUntil = first.snapshot().following().walkedUntil();

    write("b.py", "print('b')\nprint('more b')\n");
    git("commit", "-qam", "more b");
    FollowedPaths timely =
        FollowedPaths.of(Map.of("/w/a.py", T0, "/w/b.py", walkedUntil.plusSeconds(60)));
    RepositoryScanner.Result resumed = scan(timely, first.snapshot());
    assertTrue(resumed.incremental(), "b.py was first written after the walked commits");
    assertEquals(setOf("a.py", "b.py"), paths(resumed), "the new commit's lines of b.py followed");

    FollowedPaths late = FollowedPaths.of(Map.of("/w/a.py", T0, "/w/b.py", T0));
    assertFalse(
        RepositoryScanner.followsEnough(
            first.snapshot().following(), new RepositoryScanner.Options(null, NOW, T0, late)));
    RepositoryScanner.Result again = scan(late, first.snapshot());
    assertFalse(again.incremental(), "a log that came late: the whole history again");
    assertEquals(setOf("a.py", "b.py"), paths(again));
    assertEquals(2, again.lines().lines().stream().filter(f -> f.path().equals("b.py")).count());
  }

  private RepositoryScanner.Result scan(
      FollowedPaths paths, dev.goodhart.git.fate.EngineSnapshot previous) {
    RepositoryScanner scanner =
        new RepositoryScanner(RepositoryScanner.AnnotationSource.MESSAGES_ONLY);
    return scanner.scan(
        repo,
        new RepositoryScanner.Options(null, NOW, T0, paths),
        RepositoryScanner.Listener.SILENT,
        previous);
  }

  private static TreeSet<String> paths(RepositoryScanner.Result result) {
    return result.lines().lines().stream()
        .map(CommittedLines::path)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<String> facts(RepositoryScanner.Result result) {
    List<String> facts = new ArrayList<>();
    for (CommitFact commit : result.commits()) {
      facts.add(commit.sha() + " " + commit.fate());
    }
    return facts;
  }

  private static TreeSet<String> setOf(String... paths) {
    return new TreeSet<>(List.of(paths));
  }

  /** Runs git in the repository; a commit is made an hour after the one before. */
  private void git(String... args) {
    Signature at =
        new Signature("a", "a@x", T0.plusSeconds(3600L * hour++), java.time.ZoneOffset.UTC);
    GitCli.in(repo).committing(at, at).run(args);
  }

  private void write(String file, String text) throws IOException {
    Files.createDirectories(repo.resolve(file).getParent());
    Files.writeString(repo.resolve(file), text);
  }
}
