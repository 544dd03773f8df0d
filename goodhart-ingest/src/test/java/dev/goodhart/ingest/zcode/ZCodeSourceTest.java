package dev.goodhart.ingest.zcode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.goodhart.ingest.BadRecord;
import dev.goodhart.ingest.Fixtures;
import dev.goodhart.ingest.GoldenEvents;
import dev.goodhart.ingest.ImportHarness;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ZCode's database, found where ZCode keeps it and read one event per model request. */
class ZCodeSourceTest {
  @TempDir Path home;
  Path database;
  ImportHarness zcode;

  @BeforeEach
  void setUp() {
    database = home.resolve(".zcode/cli/db/db.sqlite");
    zcode = new ImportHarness(home, Map.of(), new ZCodeSource());
  }

  Path fixture(Path file) {
    return Fixtures.create(file, Fixtures.script("zcode/db.sql"));
  }

  private static UsageEvent event(ImportHarness.Result result, String key) {
    return result.stored().stream().filter(e -> e.eventKey().equals(key)).findFirst().orElseThrow();
  }

  @Test
  void theFixtureGivesItsGoldenEvents() {
    fixture(database);

    ImportHarness.Result result = zcode.run();

    assertEquals(List.of(), result.badRecords());
    GoldenEvents.assertMatches("zcode", result.stored(), result.signals());
  }

  @Test
  void zcodeHomeNamesTheHomesToRead(@TempDir Path first, @TempDir Path second) {
    fixture(first.resolve("cli/db/db.sqlite"));
    Fixtures.create(
        second.resolve("cli/db/db.sqlite"),
        Fixtures.script("zcode/db.sql").replace("'mu_", "'other_"));
    fixture(database);

    ImportHarness.Result result =
        new ImportHarness(home, Map.of("ZCODE_HOME", first + "," + second), new ZCodeSource())
            .run();

    assertEquals(2, result.summary().filesFound(), "ZCODE_HOME replaces ~/.zcode");
    assertEquals(12, result.stored().size());
  }

  @Test
  void aCopyOfAnotherMachinesHomeAndADatabaseNamedOnTheCommandLineAreRead(@TempDir Path other) {
    fixture(database);

    assertEquals(
        6, new ImportHarness(other, Map.of(), new ZCodeSource()).runOnCopy(home).stored().size());
    assertEquals(
        6,
        new ImportHarness(other, Map.of(), new ZCodeSource())
            .runOn(List.of(database))
            .stored()
            .size());
  }

  @Test
  void aSecondImportOfAnUnchangedDatabaseReadsNothing() {
    fixture(database);
    zcode.run();

    ImportHarness.Result second = zcode.run();

    assertEquals(1, second.summary().filesUnchanged());
    assertEquals(0, second.summary().eventsRead());
  }

  @Test
  void aRequestRunningAtTheLastImportIsReadAgainOnceItHasEnded() {
    fixture(database);
    zcode.run();
    Fixtures.execute(
        database,
        """
        UPDATE model_usage SET status = 'completed', completed_at = 1775206830000, input_tokens = 9000,
          output_tokens = 400, cache_read_input_tokens = 7000, computed_total_tokens = 9400 WHERE id = 'mu_07';
        INSERT INTO model_usage (id, session_id, provider_id, model_id, status, started_at, completed_at,
          input_tokens, output_tokens, computed_total_tokens)
        VALUES ('mu_09', 'sess_two', 'builtin:zai-coding-plan', 'GLM-5.1', 'completed', 1775207400000,
          1775207405000, 700, 50, 750);
        """);

    ImportHarness.Result second = zcode.run();

    assertEquals(2, second.summary().eventsRead(), "the row that ended and the new one");
    assertEquals(8, second.stored().size());
    assertEquals(new TokenCounts(2_000, 400, 7_000, 0, 0, 0), event(second, "m:mu_07").tokens());

    Fixtures.execute(
        database,
        "UPDATE session SET title = 'Notes, renamed' WHERE id = 'sess_two';\n"
            + "INSERT INTO model_usage (id, session_id, model_id, status, started_at, input_tokens,"
            + " output_tokens) VALUES ('mu_10', 'sess_two', 'GLM-5.1', 'completed', 1775207500000,"
            + " 10, 1);\n");
    assertEquals(1, zcode.run().summary().eventsRead(), "an ended row is not read again");
  }

  @Test
  void aDatabaseMadeAnewIsReadFromItsStart() {
    fixture(database);
    zcode.run();
    // ZCode's data removed and begun again: the rowids start from 1 for other requests.
    Fixtures.execute(
        database,
        "DELETE FROM model_usage;\n"
            + Fixtures.script("zcode/db.sql")
                .lines()
                .dropWhile(line -> !line.startsWith("INSERT INTO model_usage"))
                .reduce("", (text, line) -> text + line + "\n")
                .replace("'mu_", "'new_"));

    ImportHarness.Result second = zcode.run();

    assertEquals(6, second.summary().eventsRead());
    assertEquals(12, second.stored().size());
  }

  @Test
  void aDatabaseOfAnotherShapeIsReadForTheColumnsItHas() {
    // An older table: no total, no status, no session table. Input holds the cache, as ZCode's
    // does.
    Fixtures.create(
        database,
        """
        CREATE TABLE model_usage (id TEXT PRIMARY KEY, session_id TEXT, model_id TEXT, started_at INTEGER,
          input_tokens INTEGER, output_tokens INTEGER, reasoning_tokens INTEGER,
          cache_read_input_tokens INTEGER, cache_creation_input_tokens INTEGER);
        INSERT INTO model_usage VALUES ('a', 's', 'GLM-5.1', 1775093400000, 1000, 100, 20, 800, 50);
        INSERT INTO model_usage VALUES ('b', 's', 'GLM-5.1', 1775093500000, 10, 3, 5, 80, 0);
        """);

    ImportHarness.Result result = zcode.run();

    assertEquals(List.of(), result.badRecords());
    assertEquals(new TokenCounts(150, 100, 800, 50, 0, 20), event(result, "m:a").tokens());
    // Input below its cache and output below its reasoning: counted apart, the one way they agree.
    assertEquals(new TokenCounts(10, 8, 80, 0, 0, 5), event(result, "m:b").tokens());
  }

  @Test
  void aTableWithoutRowidsIsReadWholeAtEveryChange() {
    Fixtures.create(
        database,
        Fixtures.script("zcode/db.sql")
            .replace("  raw_usage_json TEXT\n);", "  raw_usage_json TEXT\n) WITHOUT ROWID;"));
    zcode.run();
    Fixtures.execute(
        database,
        "INSERT INTO model_usage (id, session_id, model_id, status, started_at, input_tokens,"
            + " output_tokens) VALUES ('mu_09', 'sess_two', 'GLM-5.1', 'completed', 1775207400000,"
            + " 10, 1);\n");

    ImportHarness.Result second = zcode.run();

    assertEquals(7, second.summary().eventsRead());
    assertEquals(7, second.stored().size());
  }

  @Test
  void rowsOfTheWrongShapeAreBadRecordsAndTheOthersAreRead() {
    fixture(database);
    Fixtures.execute(
        database,
        """
        INSERT INTO model_usage (id, session_id, model_id, status, started_at, input_tokens, output_tokens)
          VALUES ('words', 'sess_two', 'm', 'completed', 1775207400000, 'twelve', 1);
        INSERT INTO model_usage (id, session_id, model_id, status, started_at, input_tokens, output_tokens)
          VALUES ('blob', 'sess_two', 'm', 'completed', 1775207400000, 5, x'00ff');
        INSERT INTO model_usage (id, session_id, model_id, status, started_at, input_tokens, output_tokens)
          VALUES ('negative', 'sess_two', 'm', 'completed', 1775207400000, -5, 1);
        INSERT INTO model_usage (id, session_id, model_id, status, started_at, input_tokens, output_tokens)
          VALUES ('future', 'sess_two', 'm', 'completed', 99999999999999, 5, 1);
        INSERT INTO model_usage (id, session_id, model_id, status, started_at, input_tokens, output_tokens)
          VALUES ('no_time', 'sess_two', 'm', 'completed', NULL, 5, 1);
        INSERT INTO model_usage (id, session_id, model_id, status, started_at, input_tokens, output_tokens)
          VALUES ('no_session', NULL, 'm', 'completed', 1775207400000, 5, 1);
        """);

    ImportHarness.Result result = zcode.run();

    assertEquals(
        List.of(
            database
                + ": model_usage 'blob': field 'output_tokens' must be a whole number, found '\"a"
                + " BLOB of 2 bytes\"'",
            database
                + ": model_usage 'future': field 'started_at' is not a plausible time (1970 to"
                + " 2100): '99999999999999'",
            database
                + ": model_usage 'negative': field 'input_tokens' must not be negative, found"
                + " '-5'",
            database + ": model_usage 'no_session': a request with tokens has no 'session_id'",
            database + ": model_usage 'no_time': a request with tokens has no 'started_at'",
            database
                + ": model_usage 'words': field 'input_tokens' must be a whole number, found"
                + " '\"twelve\"'"),
        result.badRecords().stream().map(BadRecord::message).toList());
    assertEquals(6, result.stored().size());
  }
}
