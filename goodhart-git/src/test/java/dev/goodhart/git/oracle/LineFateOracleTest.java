package dev.goodhart.git.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.goodhart.git.RepositoryScanner;
import dev.goodhart.model.git.CommitFact;
import dev.goodhart.model.git.CommittedLines;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The line-fate engine against {@code git blame} itself, on random histories: no-ff, squash,
 * criss-cross and octopus merges, reverts, renames, deletions and re-adds, binary, CRLF and
 * unterminated files, ambiguous lines. For every history, every commit's {@code aliveAtHead} must
 * equal the number of lines blame attributes to it at the head, and for a sample of commits the 7-
 * and 30-day counts must equal blame's at the branch's state at that moment. The number of
 * histories is {@code -Dgoodhart.oracle.histories} (200 by default).
 */
class LineFateOracleTest {
  private static final int HISTORIES = Integer.getInteger("goodhart.oracle.histories", 200);
  private static final long FIRST_SEED = Long.getLong("goodhart.oracle.seed", 1000);

  @TempDir Path folder;

  @Test
  void everyCommitsLinesAtHeadAreBlamesOnRandomHistories() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<String>> checks = new ArrayList<>();
      for (int i = 0; i < HISTORIES; i++) {
        long seed = FIRST_SEED + i;
        checks.add(pool.submit(() -> check(seed)));
      }
      List<String> failures = new ArrayList<>();
      for (Future<String> check : checks) {
        String failure = check.get();
        if (failure != null) {
          failures.add(failure);
        }
      }
      if (!failures.isEmpty()) {
        fail(
            failures.size()
                + " of "
                + HISTORIES
                + " histories differ from git blame:\n"
                + failures.getFirst());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Null when the engine agrees with blame on this seed's history, else what differs. */
  private String check(long seed) {
    RandomHistory history =
        RandomHistory.generate(
            folder.resolve("h" + seed), RandomHistoryOptions.seed(seed).withTargetCommits(40));
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    // Every commit followed line by line, so that the lines' own fates are checked too.
    RepositoryScanner.Result result =
        new RepositoryScanner(RepositoryScanner.AnnotationSource.MESSAGES_ONLY)
            .scan(
                history.repository(),
                new RepositoryScanner.Options(history.branch(), now, Instant.EPOCH),
                RepositoryScanner.Listener.SILENT);

    Map<String, Long> ours = new TreeMap<>();
    for (CommitFact commit : result.commits()) {
      if (commit.fate().aliveAtHead() > 0) {
        ours.put(commit.sha(), commit.fate().aliveAtHead());
      }
    }
    Map<String, Long> blame =
        new TreeMap<>(BlameOracle.aliveAt(history.repository(), history.branch()));
    if (!ours.equals(blame)) {
      return "seed %d: at head, ours %s, blame %s%n%s"
          .formatted(seed, ours, blame, history.describe());
    }
    String lines = LineProvenanceChecks.checkHead(history.repository(), history.branch(), result);
    if (lines != null) {
      return "seed %d: %s%n%s".formatted(seed, lines, history.describe());
    }
    return checkHorizons(seed, history, result);
  }

  /** alive7d and alive30d of every fifth commit against blame at the branch's state then. */
  private static String checkHorizons(
      long seed, RandomHistory history, RepositoryScanner.Result result) {
    GitCli git = GitCli.in(history.repository());
    List<String> chain = new ArrayList<>();
    List<Long> effective = new ArrayList<>();
    long latest = Long.MIN_VALUE;
    for (String line :
        git.run("log", "--first-parent", "--reverse", "--format=%H %ct", history.branch())
            .split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.split(" ");
      chain.add(parts[0]);
      latest = Math.max(latest, Long.parseLong(parts[1]));
      effective.add(latest);
    }
    Map<String, Map<String, Long>> blameAt = new HashMap<>();
    Map<String, Map<String, Map<String, Long>>> originsAt = new HashMap<>();
    Map<String, List<CommittedLines>> followed = LineProvenanceChecks.bySha(result);
    List<CommitFact> commits = result.commits();
    for (int i = 0; i < commits.size(); i += 5) {
      CommitFact commit = commits.get(i);
      for (int days : new int[] {7, 30}) {
        long moment = commit.committedAt().plus(Duration.ofDays(days)).getEpochSecond();
        int state = -1;
        for (int s = 0; s < chain.size(); s++) {
          if (effective.get(s) <= moment) {
            state = s;
          }
        }
        long expected =
            state < 0
                ? 0
                : blameAt
                    .computeIfAbsent(
                        chain.get(state), sha -> BlameOracle.aliveAt(history.repository(), sha))
                    .getOrDefault(commit.sha(), 0L);
        if (state >= 0) {
          String differs =
              LineProvenanceChecks.compare(
                  commit.sha(),
                  followed.getOrDefault(commit.sha(), List.of()),
                  originsAt
                      .computeIfAbsent(
                          chain.get(state),
                          sha -> BlameOracle.originLinesAt(history.repository(), sha))
                      .getOrDefault(commit.sha(), Map.of()),
                  moment);
          if (differs != null) {
            return "seed %d: %d days on, %s".formatted(seed, days, differs);
          }
        }
        Long actual = days == 7 ? commit.fate().alive7d() : commit.fate().alive30d();
        if (actual == null || actual != expected) {
          return "seed %d: commit %s alive%dd is %s, blame at %s says %d"
              .formatted(
                  seed,
                  commit.sha(),
                  days,
                  actual,
                  state < 0 ? "(no state)" : chain.get(state),
                  expected);
        }
      }
    }
    return null;
  }

  @Test
  void aHistoryRunsTheSameWhenScannedTwice() {
    RandomHistory history = RandomHistory.generate(folder.resolve("twice"), 77);
    RepositoryScanner scanner =
        new RepositoryScanner(RepositoryScanner.AnnotationSource.MESSAGES_ONLY);
    RepositoryScanner.Options options =
        new RepositoryScanner.Options(history.branch(), Instant.parse("2030-01-01T00:00:00Z"));
    assertEquals(
        scanner.scan(history.repository(), options, RepositoryScanner.Listener.SILENT).commits(),
        scanner.scan(history.repository(), options, RepositoryScanner.Listener.SILENT).commits());
  }
}
