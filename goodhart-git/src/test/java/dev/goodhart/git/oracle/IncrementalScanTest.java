package dev.goodhart.git.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.git.RepositoryScanner;
import dev.goodhart.git.fate.CommitLines;
import dev.goodhart.git.fate.EngineSnapshot;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scan that goes on from an earlier scan's snapshot ends with exactly the lines of a scan of the
 * whole history, whether the history let it walk only the new commits or made it walk everything (a
 * branch merged now that forked before the earlier head); the lines it follows one by one too.
 */
class IncrementalScanTest {
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  private static final RepositoryScanner SCANNER =
      new RepositoryScanner(RepositoryScanner.AnnotationSource.MESSAGES_ONLY);

  @TempDir Path folder;

  @Test
  void goingOnFromAnEarlierHeadGivesTheWholeWalksLines() throws Exception {
    int incremental = 0;
    int attempts = 0;
    for (long seed = 500; seed < 512; seed++) {
      RandomHistory history =
          RandomHistory.generate(
              folder.resolve("h" + seed), RandomHistoryOptions.seed(seed).withTargetCommits(40));
      List<String> chain =
          List.of(
              GitCli.in(history.repository())
                  .run("rev-list", "--first-parent", "--reverse", history.branch())
                  .strip()
                  .split("\n"));
      RepositoryScanner.Result whole = scan(history, history.branch(), null);
      for (int cut :
          new int[] {chain.size() / 3, chain.size() / 2, chain.size() - 2, chain.size() - 1}) {
        Path snapshotFile = folder.resolve("s" + seed + "-" + cut + ".bin");
        scan(history, chain.get(cut), null).snapshot().write(snapshotFile);
        RepositoryScanner.Result resumed =
            scan(history, history.branch(), EngineSnapshot.read(snapshotFile));
        attempts++;
        incremental += resumed.incremental() ? 1 : 0;
        assertEquals(
            describe(whole.lines().commits()),
            describe(resumed.lines().commits()),
            "seed " + seed + ", cut at chain position " + cut + " of " + chain.size());
        assertEquals(
            whole.lines().lines(),
            resumed.lines().lines(),
            "the lines followed one by one, seed " + seed + ", cut at " + cut);
        if (resumed.incremental()) {
          assertTrue(resumed.commits().size() < whole.commits().size(), "only new commits walked");
        }
      }
    }
    System.out.printf("incremental scans: %d of %d%n", incremental, attempts);
    assertTrue(incremental > 0, "some of " + attempts + " scans went on from the snapshot");
  }

  private static RepositoryScanner.Result scan(
      RandomHistory history, String branch, EngineSnapshot previous) {
    return SCANNER.scan(
        history.repository(),
        new RepositoryScanner.Options(branch, NOW, Instant.EPOCH),
        RepositoryScanner.Listener.SILENT,
        previous);
  }

  /** Every commit's lines as text: records with arrays do not compare their contents. */
  private static Map<String, String> describe(Map<String, CommitLines> lines) {
    Map<String, String> described = new TreeMap<>();
    lines.forEach(
        (sha, l) ->
            described.put(
                sha,
                "%d %d %d %d %d %s %s %s %s %s %s"
                    .formatted(
                        l.written(),
                        l.aiWritten(),
                        l.shipped(),
                        l.aliveAtHead(),
                        l.aiAliveAtHead(),
                        l.alive7d(),
                        l.alive30d(),
                        l.alive90d(),
                        l.reworked21d(),
                        Arrays.toString(l.deathDays()),
                        Arrays.toString(l.deathCounts()))));
    return described;
  }
}
