package dev.goodhart.git.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RandomHistoryTest {
  private static final int SEEDS = 20;

  /**
   * The twenty histories are made two at a time, ahead of the tests that check them: git is most of
   * the work, and one history keeps one core busy.
   */
  private static final ExecutorService MAKERS = Executors.newFixedThreadPool(2);

  private static final Map<Long, Future<Made>> HISTORIES = new ConcurrentHashMap<>();

  private record Made(RandomHistory history, Duration took) {}

  @TempDir static Path histories;
  @TempDir Path folder;

  @BeforeAll
  static void startMakingHistories() {
    seeds().forEach(seed -> HISTORIES.put(seed, MAKERS.submit(() -> make(seed))));
  }

  private static Made make(long seed) {
    long start = System.nanoTime();
    RandomHistory history =
        RandomHistory.generate(
            histories.resolve("seed-" + seed),
            RandomHistoryOptions.seed(seed).withTargetCommits(targetCommits(seed)));
    return new Made(history, Duration.ofNanos(System.nanoTime() - start));
  }

  @AfterAll
  static void stopMakingHistories() {
    MAKERS.shutdownNow();
  }

  /** Seeds 1 to 20, with targets spread over 40 to 80 commits. */
  static Stream<Long> seeds() {
    return LongStream.rangeClosed(1, SEEDS).boxed();
  }

  static int targetCommits(long seed) {
    return 40 + (int) (seed * 17 % 41);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void everyHistoryHoldsEveryKindOfOperation(long seed) throws Exception {
    RandomHistory history = HISTORIES.get(seed).get().history();
    String context = history.describe();
    assertEquals(EnumSet.allOf(OperationKind.class), history.kinds(), context);
    assertEquals(EnumSet.allOf(LineEdit.class), history.lineEdits(), context);
    assertTrue(history.commits() >= targetCommits(seed), context);
    new GitSays(history).holdsEveryKind(context);
  }

  @Test
  void theSameSeedMakesTheSameCommits() throws Exception {
    RandomHistory first = HISTORIES.get(1L).get().history();
    RandomHistory again =
        RandomHistory.generate(
            folder.resolve("again"),
            RandomHistoryOptions.seed(1).withTargetCommits(targetCommits(1)));
    assertEquals(head(first), head(again));
    assertEquals(first.operations(), again.operations());
  }

  @Test
  void aKindWithWeightZeroIsNeverMade() {
    RandomHistory history =
        RandomHistory.generate(
            folder.resolve("repo"),
            RandomHistoryOptions.seed(5)
                .withTargetCommits(30)
                .without(OperationKind.OCTOPUS_MERGE)
                .without(OperationKind.CRISS_CROSS_MERGE));
    assertFalse(history.kinds().contains(OperationKind.OCTOPUS_MERGE), history.describe());
    assertFalse(history.kinds().contains(OperationKind.CRISS_CROSS_MERGE), history.describe());
    assertEquals("", GitCli.in(history.repository()).run("rev-list", "--min-parents=3", "main"));
  }

  @Test
  void historiesTakeLittleTime() throws Exception {
    List<Long> millisPerCommit = new ArrayList<>();
    for (long seed : seeds().toList()) {
      Made made = HISTORIES.get(seed).get();
      // Generous, for loaded machines and two histories made at once: the point is to catch a git
      // process per line, which would take minutes.
      assertTrue(
          made.took().compareTo(Duration.ofSeconds(10)) < 0, made.took() + " for seed " + seed);
      millisPerCommit.add(made.took().toMillis() * 60 / made.history().commits());
    }
    millisPerCommit.sort(null);
    System.out.println(
        "RandomHistory: a 60-commit history in "
            + millisPerCommit.get(millisPerCommit.size() / 2)
            + " ms (median of "
            + SEEDS
            + ", made two at a time)");
  }

  private static String head(RandomHistory history) {
    return GitCli.in(history.repository()).run("rev-parse", "HEAD").strip();
  }

  /** Checks, by asking git rather than the generator's log, that each kind left its trace. */
  private static final class GitSays {
    private static final Pattern SQUASH_SUBJECT = Pattern.compile("(?m)^.+ \\(#\\d+\\)$");

    private final RandomHistory history;
    private final GitCli git;

    GitSays(RandomHistory history) {
      this.history = history;
      this.git = GitCli.in(history.repository());
    }

    void holdsEveryKind(String context) {
      assertEquals("main\n", git.run("branch", "--format=%(refname:short)"), context);
      assertEquals("", git.run("status", "--porcelain"), "a clean working tree\n" + context);

      String merges = git.run("rev-list", "--merges", "main");
      assertTrue(merges.lines().count() >= 5, context);
      assertFalse(git.run("rev-list", "--min-parents=4", "main").isEmpty(), "octopus\n" + context);
      assertTrue(hasTwoMergeBases(merges), "criss-cross\n" + context);
      assertTrue(
          git.run("log", "--format=%B", "--merges", "main").contains("Merge pull request #"),
          context);

      String subjects = git.run("log", "--format=%s", "--no-merges", "main");
      assertTrue(SQUASH_SUBJECT.matcher(subjects).find(), "squash\n" + context);
      String messages = git.run("log", "--format=%B", "main");
      assertTrue(messages.contains("This reverts commit "), context);
      assertTrue(messages.contains("reversing\nchanges made to "), "revert -m 1\n" + context);

      assertTrue(
          git.run("log", "--format=", "--name-status", "-M", "main")
              .lines()
              .anyMatch(line -> line.startsWith("R")),
          "rename\n" + context);
      assertTrue(readded(), "a deleted path added again\n" + context);

      assertTrue(
          git.run(
                  "diff",
                  "--numstat",
                  "4b825dc642cb6eb9a060e54bf8d69288fbee4904",
                  "main",
                  "--",
                  FileChanges.BINARY)
              .startsWith("-\t-\t"),
          "binary\n" + context);
      assertTrue(
          git.run("log", "--format=%H", "main", "--", FileChanges.BINARY).lines().count() >= 2,
          "the binary file changes\n" + context);
      assertTrue(show(FileChanges.CRLF).contains("\r\n"), context);
      assertFalse(show(FileChanges.NO_FINAL_NEWLINE).endsWith("\n"), context);
      assertTrue(
          git.run("log", "-p", "--format=", "main").contains("\\ No newline at end of file"),
          context);

      agentsAppear(context);
      datesAdvance(context);
    }

    private boolean hasTwoMergeBases(String merges) {
      return merges
          .lines()
          .anyMatch(
              merge -> {
                GitCli.Outcome bases =
                    git.attempt("merge-base", "--all", merge + "^1", merge + "^2");
                return bases.exitCode() == 0 && bases.output().lines().count() >= 2;
              });
    }

    private boolean readded() {
      Set<String> deleted = new HashSet<>();
      for (String line :
          git.run("log", "--reverse", "--format=", "--name-status", "--no-renames", "main")
              .split("\n")) {
        String[] fields = line.split("\t");
        if (fields[0].equals("D")) {
          deleted.add(fields[1]);
        } else if (fields[0].equals("A") && deleted.contains(fields[1])) {
          return true;
        }
      }
      return false;
    }

    /** Every commit made, squashed ones too: the reflog still knows them. */
    private void agentsAppear(String context) {
      String identities = git.run("log", "--reflog", "--format=%an <%ae>%n%cn <%ce>%n%B");
      for (String marker :
          List.of(
              "Co-Authored-By: Claude <noreply@anthropic.com>",
              "🤖 Generated with [Claude Code](https://claude.com/claude-code)",
              "copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>",
              "Co-authored-by: Cursor <cursoragent@cursor.com>",
              " (aider) <")) {
        assertTrue(identities.contains(marker), marker + "\n" + context);
      }
    }

    private void datesAdvance(String context) {
      List<Instant> authored = new ArrayList<>();
      for (String line : git.run("log", "--format=%at %ct", "main").split("\n")) {
        String[] times = line.split(" ");
        long author = Long.parseLong(times[0]);
        long committer = Long.parseLong(times[1]);
        assertTrue(author <= committer, "authored after committed: " + line + "\n" + context);
        authored.add(Instant.ofEpochSecond(author));
      }
      Instant first = authored.stream().min(Instant::compareTo).orElseThrow();
      Instant last = authored.stream().max(Instant::compareTo).orElseThrow();
      assertTrue(
          Duration.between(first, last).toDays() >= 20,
          "spans " + Duration.between(first, last) + "\n" + context);
    }

    private String show(String path) {
      return new String(git.output("show", "main:" + path), StandardCharsets.UTF_8);
    }
  }
}
