package dev.goodhart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goodhart.store.duckdb.DuckDbStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import killed with SIGKILL at random moments, then run again, ends with exactly the store an
 * uninterrupted import makes: events and checkpoints are committed together.
 */
class KillNineTest {
  static final int FILES = 32;
  static final int REQUESTS_PER_FILE = 4_000;

  @TempDir Path folder;

  @Test
  void killedImportsResumeToTheTotalsOfAnUninterruptedOne() throws Exception {
    CliHarness reference = new CliHarness(folder.resolve("reference"));
    CliHarness victim = new CliHarness(folder.resolve("victim")).readingHome(reference.home);
    writeLogs(reference);
    assertEquals(0, reference.run("import", "usage", "--quiet").exitCode());

    Map<String, String> environment = new HashMap<>(victim.variables);
    environment.put(
        ImportRunner.BATCH_VARIABLE, "3000"); // many commits, many moments to be killed between
    Random random = new Random(9);
    // How long a whole import takes on this machine, now: kills are timed as fractions of it, so
    // they land mid-way on a fast machine and on a loaded one alike.
    long whole = timedImport(environment, folder.resolve("timing-data"));
    int killedWhileRunning = 0;
    List<Long> storedAfterEachAttempt = new ArrayList<>();
    for (int attempt = 0; attempt < 6; attempt++) {
      Process process =
          JavaProcess.start(
              Main.class,
              environment,
              folder.resolve("victim-" + attempt + ".log"),
              "--data",
              victim.data.toString(),
              "import",
              "usage",
              "--quiet");
      long delay = (long) (whole * (0.15 + 0.7 * random.nextDouble()));
      boolean finished = process.waitFor(delay, TimeUnit.MILLISECONDS);
      if (!finished) {
        killedWhileRunning++;
        process.destroyForcibly(); // SIGKILL: no shutdown hooks, no flush
      }
      process.waitFor();
      try (DuckDbStore store = DuckDbStore.open(victim.data, DuckDbStore.Settings.defaults())) {
        storedAfterEachAttempt.add(store.statistics().countedEvents());
      }
    }
    CliHarness.Result last = victim.run("import", "usage", "--json");
    assertEquals(0, last.exitCode(), last::toString);

    assertTrue(
        killedWhileRunning >= 3, "only " + killedWhileRunning + " imports were killed mid-way");
    JsonNode expected = reference.run("usage", "daily", "--json").json();
    JsonNode actual = victim.run("usage", "daily", "--json").json();
    assertEquals(expected.get("totals"), actual.get("totals"));
    assertEquals(expected.get("daily"), actual.get("daily"));
    JsonNode referenceStore = reference.run("import", "usage", "--json").json();
    JsonNode victimStore = victim.run("import", "usage", "--json").json();
    assertEquals(referenceStore.get("storedEvents"), victimStore.get("storedEvents"));
    assertEquals(referenceStore.get("countedEvents"), victimStore.get("countedEvents"));
    assertEquals((long) FILES * REQUESTS_PER_FILE, victimStore.get("countedEvents").asLong());
  }

  /** The wall time, in milliseconds, of an uninterrupted import in a process of its own. */
  private long timedImport(Map<String, String> environment, java.nio.file.Path data)
      throws Exception {
    long start = System.nanoTime();
    Process process =
        JavaProcess.start(
            Main.class,
            environment,
            folder.resolve("timing.log"),
            "--data",
            data.toString(),
            "import",
            "usage",
            "--quiet");
    assertEquals(0, process.waitFor());
    return (System.nanoTime() - start) / 1_000_000;
  }

  /**
   * Transcripts whose requests span a few days, with a replayed copy in each to exercise
   * counted-flag updates.
   */
  private static void writeLogs(CliHarness cli) {
    for (int file = 0; file < FILES; file++) {
      StringBuilder lines = new StringBuilder();
      for (int request = 0; request < REQUESTS_PER_FILE; request++) {
        String id = file + "-" + request;
        String time =
            "2026-03-%02dT%02d:%02d:%02d.000Z"
                .formatted(1 + request % 5, file % 24, request % 60, file % 60);
        String line =
            ClaudeLines.request(
                "m-" + id, "r-" + id, time, "claude-sonnet-4-5-20250929", 100 + request, 7, false);
        lines.append(line).append(line); // two content blocks of one request
        if (request % 500 == 0) {
          lines.append(
              ClaudeLines.request(
                  "m-" + id,
                  "replay-" + id,
                  time,
                  "claude-sonnet-4-5-20250929",
                  100 + request,
                  7,
                  true));
        }
      }
      cli.write(
          ".claude/projects/-home-dev-work-p%d/s-%d.jsonl".formatted(file % 4, file),
          lines.toString());
    }
  }
}
