package dev.goodhart.ingest.hermes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.goodhart.ingest.BadRecord;
import dev.goodhart.ingest.Fixtures;
import dev.goodhart.ingest.GoldenEvents;
import dev.goodhart.ingest.ImportHarness;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hermes Agent's state database, read one event per session. */
class HermesSourceTest {
  @TempDir Path home;

  Path fixture(Path database) {
    return Fixtures.create(database, Fixtures.script("hermes/state.sql"));
  }

  @Test
  void theFixtureGivesItsGoldenEvents() {
    fixture(home.resolve(".hermes/state.db"));

    ImportHarness.Result result = new ImportHarness(home, Map.of(), new HermesSource()).run();

    assertEquals(List.of(), result.badRecords());
    GoldenEvents.assertMatches("hermes", result.stored(), result.signals());
  }

  @Test
  void hermesHomeNamesTheFoldersToRead(@TempDir Path first, @TempDir Path second) {
    fixture(first.resolve("state.db"));
    Fixtures.create(
        second.resolve("state.db"),
        Fixtures.script("hermes/state.sql").replace("'sess_", "'other_"));

    ImportHarness.Result result =
        new ImportHarness(home, Map.of("HERMES_HOME", first + ", " + second), new HermesSource())
            .run();

    assertEquals(2, result.summary().filesFound());
    assertEquals(6, result.stored().size());
  }

  @Test
  void rowsOfTheWrongShapeAreBadRecordsAndTheOthersAreRead() {
    Path database = fixture(home.resolve(".hermes/state.db"));
    Fixtures.execute(
        database,
        """
        INSERT INTO sessions (id, source, model, started_at, input_tokens) VALUES ('negative', 'cli', 'm', 1768564800, -5);
        INSERT INTO sessions (id, source, model, started_at, input_tokens, actual_cost_usd) VALUES ('cost', 'cli', 'm', 1768564800, 5, 'free');
        INSERT INTO sessions (id, source, model, started_at, input_tokens) VALUES ('future', 'cli', 'm', 99999999999999, 5);
        """);

    ImportHarness.Result result = new ImportHarness(home, Map.of(), new HermesSource()).run();

    assertEquals(
        List.of(
            database
                + ": sessions 'cost': field 'actual_cost_usd' must be a number, found"
                + " '\"free\"'",
            database
                + ": sessions 'future': field 'started_at' is not a plausible time (1970 to"
                + " 2100): '99999999999999.0'",
            database
                + ": sessions 'negative': field 'input_tokens' must not be negative, found"
                + " '-5'"),
        result.badRecords().stream().map(BadRecord::message).toList());
    assertEquals(3, result.stored().size());
  }
}
