package dev.goodhart.ingest.goose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.goodhart.ingest.BadRecord;
import dev.goodhart.ingest.Fixtures;
import dev.goodhart.ingest.GoldenEvents;
import dev.goodhart.ingest.ImportHarness;
import dev.goodhart.model.UsageEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Goose's session database, found where Goose keeps it and read one event per session. */
class GooseSourceTest {
  @TempDir Path home;

  Path fixture(Path database) {
    return Fixtures.create(database, Fixtures.script("goose/sessions.sql"));
  }

  @Test
  void theFixtureGivesItsGoldenEvents() {
    fixture(home.resolve(".local/share/goose/sessions/sessions.db"));

    ImportHarness.Result result = new ImportHarness(home, Map.of(), new GooseSource()).run();

    assertEquals(List.of(), result.badRecords());
    GoldenEvents.assertMatches("goose", result.stored(), result.signals());
  }

  @Test
  void gooseRootVariableNamesTheFolderItKeepsDataIn(@TempDir Path root) {
    fixture(root.resolve("data/sessions/sessions.db"));
    fixture(home.resolve(".local/share/goose/sessions/sessions.db"));

    ImportHarness.Result result =
        new ImportHarness(home, Map.of("GOOSE_PATH_ROOT", root.toString()), new GooseSource())
            .run();

    assertEquals(1, result.summary().filesFound(), "only the root's database, as Goose would");
    assertEquals(3, result.stored().size());
  }

  @Test
  void aRelativeRootIsIgnoredAsGooseIgnoresIt() {
    fixture(home.resolve(".local/share/goose/sessions/sessions.db"));

    ImportHarness.Result result =
        new ImportHarness(home, Map.of("GOOSE_PATH_ROOT", "relative/root"), new GooseSource())
            .run();

    assertEquals(3, result.stored().size());
  }

  @Test
  void aSessionThatGrewIsReadAgainAndTheLargerCopyKept() {
    Path database = fixture(home.resolve(".local/share/goose/sessions/sessions.db"));
    ImportHarness goose = new ImportHarness(home, Map.of(), new GooseSource());
    goose.run();

    Fixtures.execute(
        database,
        """
        UPDATE sessions SET accumulated_input_tokens = 20000, accumulated_output_tokens = 2500,
          accumulated_total_tokens = 22900, updated_at = '2026-01-15 10:00:00' WHERE id = '20260115_1';
        """);
    ImportHarness.Result second = goose.run();

    assertEquals(3, second.summary().eventsRead(), "a session table is read whole");
    UsageEvent grown =
        second.stored().stream()
            .filter(e -> e.sessionId().equals("20260115_1"))
            .findFirst()
            .orElseThrow();
    assertEquals(22_900, grown.tokens().total());
    assertEquals(3, second.stored().size());
  }

  @Test
  void rowsOfTheWrongShapeAreBadRecordsAndTheOthersAreRead() {
    Path database = fixture(home.resolve(".local/share/goose/sessions/sessions.db"));
    Fixtures.execute(
        database,
        """
        INSERT INTO sessions (id, working_dir, created_at, accumulated_input_tokens, model_config_json)
          VALUES ('bad_count', '/w', '2026-01-16 11:00:00', 'twelve', '{"model_name":"m"}');
        INSERT INTO sessions (id, working_dir, created_at, accumulated_input_tokens, model_config_json)
          VALUES ('bad_config', '/w', '2026-01-16 11:00:00', 10, '{"model_name":');
        INSERT INTO sessions (id, working_dir, created_at, accumulated_input_tokens, model_config_json)
          VALUES ('bad_time', '/w', 'yesterday', 10, '{"model_name":"m"}');
        INSERT INTO sessions (id, working_dir, created_at, accumulated_input_tokens, model_config_json)
          VALUES ('no_time', '/w', NULL, 10, '{"model_name":"m"}');
        INSERT INTO sessions (id, working_dir, created_at, accumulated_input_tokens, model_config_json)
          VALUES ('blob', '/w', '2026-01-16 11:00:00', x'00ff', '{"model_name":"m"}');
        """);

    ImportHarness.Result result = new ImportHarness(home, Map.of(), new GooseSource()).run();

    assertEquals(
        List.of(
            database
                + ": sessions 'bad_config': field 'model_config_json' must be an object, found"
                + " '\"{\"model_name\":\"'",
            database
                + ": sessions 'bad_count': field 'accumulated_input_tokens' must be a whole"
                + " number, found '\"twelve\"'",
            database
                + ": sessions 'bad_time': field 'created_at' is not an ISO-8601 time:"
                + " 'yesterday'",
            database
                + ": sessions 'blob': field 'accumulated_input_tokens' must be a whole number,"
                + " found '\"a BLOB of 2 bytes\"'",
            database + ": sessions 'no_time': a session with tokens has no 'created_at'"),
        result.badRecords().stream().map(BadRecord::message).toList());
    assertEquals(3, result.stored().size());
  }
}
