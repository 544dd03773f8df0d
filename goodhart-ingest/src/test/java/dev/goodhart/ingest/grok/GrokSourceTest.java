package dev.goodhart.ingest.grok;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.goodhart.ingest.BadRecord;
import dev.goodhart.ingest.Fixtures;
import dev.goodhart.ingest.GoldenEvents;
import dev.goodhart.ingest.ImportHarness;
import dev.goodhart.model.UsageEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grok CLI's database, found where Grok CLI keeps it and read one event per usage row. */
class GrokSourceTest {
  @TempDir Path home;
  Path database;
  ImportHarness grok;

  @BeforeEach
  void setUp() {
    database = home.resolve(".grok/grok.db");
    grok = new ImportHarness(home, Map.of(), new GrokSource());
  }

  void createFixture() {
    Fixtures.create(database, Fixtures.script("grok/grok.sql"));
  }

  @Test
  void theFixtureGivesItsGoldenEvents() {
    createFixture();

    ImportHarness.Result result = grok.run();

    assertEquals(List.of(), result.badRecords());
    GoldenEvents.assertMatches("grok", result.stored(), result.signals());
  }

  @Test
  void theCostIsGrokClisOwnMillionthsOfADollarExactly() {
    createFixture();

    List<UsageEvent> stored = grok.run().stored();

    // 17,000 millionths: no binary fraction on the way.
    assertEquals(new BigDecimal("0.017000"), stored.getFirst().reportedCostUsd());
    assertNull(stored.getLast().reportedCostUsd(), "a zero is a model Grok CLI could not price");
  }

  @Test
  void aCopyOfAnotherMachinesHomeAndADatabaseNamedOnTheCommandLineAreRead(@TempDir Path other) {
    createFixture();

    assertEquals(
        5, new ImportHarness(other, Map.of(), new GrokSource()).runOnCopy(home).stored().size());
    assertEquals(
        5,
        new ImportHarness(other, Map.of(), new GrokSource())
            .runOn(List.of(database))
            .stored()
            .size());
  }

  @Test
  void aSecondImportOfAnUnchangedDatabaseReadsNothing() {
    createFixture();
    grok.run();

    ImportHarness.Result second = grok.run();

    assertEquals(1, second.summary().filesUnchanged());
    assertEquals(0, second.summary().eventsRead());
  }

  @Test
  void aReimportReadsOnlyTheRowsAppendedSince() {
    createFixture();
    grok.run();
    Fixtures.execute(
        database,
        """
        INSERT INTO usage_events (session_id, source, model, input_tokens, output_tokens, total_tokens, cost_micros, created_at)
        VALUES ('9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d', 'message', 'grok-4.3', 3000, 200, 3200, 4250, '2026-03-11T08:10:00.000Z');
        """);

    ImportHarness.Result second = grok.run();

    assertEquals(1, second.summary().eventsRead());
    assertEquals(6, second.stored().size());
  }

  @Test
  void aDatabaseMadeAnewIsReadFromItsStartThoughItsIdsBeginAgain() throws IOException {
    createFixture();
    grok.run();
    for (String suffix : List.of("", "-wal", "-shm")) {
      Files.deleteIfExists(home.resolve(".grok/grok.db" + suffix));
    }
    // Grok CLI after its data was removed: new sessions, whose rows take the ids 1 to 6 again.
    Fixtures.create(
        database,
        Fixtures.script("grok/grok.sql")
                .replace("6f1d2c3b-0a9e", "11111111-0a9e")
                .replace("9a8b7c6d-5e4f", "22222222-5e4f")
                .replace("2026-03-1", "2026-04-1")
            + """
            INSERT INTO usage_events (session_id, source, model, input_tokens, output_tokens, total_tokens, cost_micros, created_at)
            VALUES ('22222222-5e4f-4a3b-9c2d-1e0f9a8b7c6d', 'message', 'grok-4.3', 10, 1, 11, 15, '2026-04-11T09:00:00.000Z');
            """);

    ImportHarness.Result second = grok.run();

    assertEquals(List.of(), second.badRecords());
    assertEquals(6, second.summary().eventsRead(), "every row of the new database");
    assertEquals(11, second.stored().size());
  }

  @Test
  void aDatabaseOfAnotherShapeIsReadForTheColumnsItHas() {
    // No sessions or workspaces, no total or cost: what is there is read.
    Fixtures.create(
        database,
        """
        CREATE TABLE usage_events (id INTEGER PRIMARY KEY, session_id TEXT, model TEXT,
          input_tokens INTEGER, output_tokens INTEGER, created_at TEXT, cached_input_tokens INTEGER);
        INSERT INTO usage_events VALUES (1, 's-1', 'grok-4.3', 100, 10, '2026-03-12T10:00:00Z', 40);
        """);

    ImportHarness.Result result = grok.run();

    assertEquals(List.of(), result.badRecords());
    UsageEvent event = result.stored().getFirst();
    assertEquals(110, event.tokens().total());
    assertNull(event.cwd());
    assertNull(event.reportedCostUsd());
  }

  @Test
  void rowsOfTheWrongShapeAreBadRecordsAndTheOthersAreRead() {
    // Grok CLI's tables are STRICT, so wrong types come only from a database made otherwise.
    Fixtures.create(database, Fixtures.script("grok/grok.sql").replace(") STRICT;", ");"));
    Fixtures.execute(
        database,
        """
        INSERT INTO usage_events (id, session_id, source, model, input_tokens, output_tokens, total_tokens, cost_micros, created_at)
          VALUES (6, 's', 'message', 'm', -5, 1, 1, 0, '2026-03-12T10:00:00Z');
        INSERT INTO usage_events (id, session_id, source, model, input_tokens, output_tokens, total_tokens, cost_micros, created_at)
          VALUES (7, 's', 'message', 'm', 5, 1, 6, 'free', '2026-03-12T10:00:00Z');
        INSERT INTO usage_events (id, session_id, source, model, input_tokens, output_tokens, total_tokens, cost_micros, created_at)
          VALUES (8, 's', 'message', 'm', 5, 1, 6, 0, 'yesterday');
        INSERT INTO usage_events (id, session_id, source, model, input_tokens, output_tokens, total_tokens, cost_micros, created_at)
          VALUES (9, '', 'message', 'm', 5, 1, 6, 0, '2026-03-12T10:00:00Z');
        INSERT INTO usage_events (id, session_id, source, model, input_tokens, output_tokens, total_tokens, cost_micros, created_at)
          VALUES (10, 's', 'message', 'm', x'00ff', 1, 6, 0, '2026-03-12T10:00:00Z');
        INSERT INTO usage_events (id, session_id, source, model, input_tokens, output_tokens, total_tokens, cost_micros, created_at)
          VALUES (11, 's', 'message', 'm', 5, 1, 6, 2000000000000000, '2026-03-12T10:00:00Z');
        """);

    ImportHarness.Result result = grok.run();

    assertEquals(
        List.of(
            database
                + ": usage_events '10': field 'input_tokens' must be a whole number, found '\"a"
                + " BLOB of 2 bytes\"'",
            database
                + ": usage_events '11': field 'cost_micros' is implausibly large:"
                + " '2000000000000000'",
            database + ": usage_events '6': field 'input_tokens' must not be negative, found '-5'",
            database
                + ": usage_events '7': field 'cost_micros' must be a whole number, found"
                + " '\"free\"'",
            database
                + ": usage_events '8': field 'created_at' is not an ISO-8601 time: 'yesterday'",
            database + ": usage_events '9': a usage row with tokens has no 'session_id'"),
        result.badRecords().stream().map(BadRecord::message).toList());
    assertEquals(5, result.stored().size());
  }
}
