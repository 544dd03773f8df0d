package dev.goodhart.ingest.opencode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.ingest.BadRecord;
import dev.goodhart.ingest.Fixtures;
import dev.goodhart.ingest.GoldenEvents;
import dev.goodhart.ingest.ImportHarness;
import dev.goodhart.model.UsageEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenCode's database, read where OpenCode keeps it, alone and beside its older message files. */
class OpenCodeDatabaseTest {
  @TempDir Path home;
  Path database;
  ImportHarness opencode;

  @BeforeEach
  void setUp() {
    database = home.resolve(".local/share/opencode/opencode.db");
    opencode = new ImportHarness(home, Map.of(), new OpenCodeSource());
  }

  void createFixture() {
    Fixtures.create(database, Fixtures.script("opencode/schema.sql"));
    Fixtures.execute(database, Fixtures.script("opencode/rows.sql"));
  }

  @Test
  void theFixtureGivesItsGoldenEventsAndEdits() {
    createFixture();

    ImportHarness.Result result = opencode.run();

    assertEquals(List.of(), result.badRecords());
    GoldenEvents.assertMatches("opencode-db", result.stored(), result.signals());
  }

  @Test
  void aMessageInTheDatabaseAndInAFileCountsOnce() throws IOException {
    createFixture();
    // What OpenCode left of msg_02 in its older storage, before it moved the message into SQLite.
    Path file = home.resolve(".local/share/opencode/storage/message/ses_01/msg_02.json");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        """
        {"id":"msg_02","sessionID":"ses_01","role":"assistant","time":{"created":1767312000000,"completed":1767312004000},"modelID":"claude-sonnet-4-5","providerID":"anthropic","path":{"cwd":"/home/dev/shop","root":"/home/dev/shop"},"cost":0.0412,"tokens":{"input":1200,"output":340,"reasoning":0,"cache":{"read":8000,"write":2000}}}""");

    ImportHarness.Result result = opencode.run();

    assertEquals(5, result.summary().eventsRead(), "four rows and the file");
    List<UsageEvent> copies =
        result.stored().stream().filter(e -> e.eventKey().equals("m:msg_02")).toList();
    assertEquals(1, copies.size());
    assertEquals(4, result.stored().size());
  }

  @Test
  void aCopyOfAnotherMachinesHomeAndADatabaseNamedOnTheCommandLineAreRead(@TempDir Path other) {
    createFixture();
    ImportHarness fromCopy = new ImportHarness(other, Map.of(), new OpenCodeSource());
    ImportHarness named = new ImportHarness(other, Map.of(), new OpenCodeSource());

    assertEquals(4, fromCopy.runOnCopy(home).stored().size());
    assertEquals(4, named.runOn(List.of(database)).stored().size());
  }

  @Test
  void aChannelsDatabaseAndTheOneOpenCodeDbNamesAreRead(@TempDir Path elsewhere) {
    Path beta = home.resolve(".local/share/opencode/opencode-dev.db");
    Fixtures.create(beta, Fixtures.script("opencode/schema.sql"));
    Fixtures.execute(beta, Fixtures.script("opencode/kilo-rows.sql"));
    Path named = elsewhere.resolve("sessions.db");
    Fixtures.create(named, Fixtures.script("opencode/schema.sql"));
    Fixtures.execute(named, Fixtures.script("opencode/rows.sql"));

    ImportHarness.Result result =
        new ImportHarness(home, Map.of("OPENCODE_DB", named.toString()), new OpenCodeSource())
            .run();

    assertEquals(2, result.summary().filesFound());
    assertEquals(5, result.stored().size());
  }

  @Test
  void aSecondImportOfAnUnchangedDatabaseReadsNothing() {
    createFixture();
    opencode.run();

    ImportHarness.Result second = opencode.run();

    assertEquals(1, second.summary().filesUnchanged());
    assertEquals(0, second.summary().eventsRead());
  }

  @Test
  void aReimportReadsTheRowsUpdatedSinceTheLastOne() {
    createFixture();
    opencode.run();
    // msg_05 finishes streaming, and a new answer arrives, an hour after the last import's rows.
    Fixtures.execute(
        database,
        """
        UPDATE message SET time_updated = 1767438300000, data = json_set(data, '$.tokens.input', 40, '$.tokens.output', 7) WHERE id = 'msg_05';
        INSERT INTO message VALUES ('msg_07', 'ses_02', 1767438300000, 1767438300000,
          '{"role":"assistant","time":{"created":1767438300000},"modelID":"claude-haiku-4-5","providerID":"anthropic","tokens":{"input":20,"output":2,"cache":{"read":0,"write":0}}}');
        """);

    ImportHarness.Result second = opencode.run();

    // The two rows updated since, and msg_06: a row updated within a minute of the latest one seen
    // is read again, in case another OpenCode process committed it out of its clock's order.
    assertEquals(3, second.summary().eventsRead());
    assertEquals(6, second.stored().size());
    UsageEvent finished =
        second.stored().stream().filter(e -> e.eventKey().equals("m:msg_05")).findFirst().get();
    assertEquals(47, finished.tokens().total());
  }

  @Test
  void aDatabaseInWalModeIsReadWhileOpenCodeHoldsItOpenAndWrites() throws SQLException {
    createFixture();
    opencode.run();
    try (Connection agent = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement statement = agent.createStatement()) {
      // A committed write that is still only in the write-ahead log, and one still in progress.
      statement.execute("PRAGMA wal_autocheckpoint = 0");
      statement.execute(
          """
          INSERT INTO message VALUES ('msg_08', 'ses_02', 1767440000000, 1767440000000,
            '{"role":"assistant","time":{"created":1767440000000},"modelID":"claude-haiku-4-5","providerID":"anthropic","tokens":{"input":11,"output":1,"cache":{"read":0,"write":0}}}')""");
      statement.execute("BEGIN IMMEDIATE");
      statement.execute(
          """
          INSERT INTO message VALUES ('msg_09', 'ses_02', 1767440001000, 1767440001000,
            '{"role":"assistant","time":{"created":1767440001000},"modelID":"claude-haiku-4-5","providerID":"anthropic","tokens":{"input":99,"output":9,"cache":{"read":0,"write":0}}}')""");

      ImportHarness.Result second = opencode.run();

      assertEquals(List.of(), second.badRecords());
      assertEquals(1, second.summary().filesRead(), "a write to the log is a change");
      assertTrue(
          second.stored().stream().anyMatch(e -> e.eventKey().equals("m:msg_08")),
          "the committed row in the log is read");
      assertTrue(
          second.stored().stream().noneMatch(e -> e.eventKey().equals("m:msg_09")),
          "the uncommitted one is not");
      statement.execute("COMMIT");
    }
  }

  @Test
  void aLockedDatabaseIsABadRecordAndIsReadAtTheNextImport() throws SQLException {
    Fixtures.create(
        database, Fixtures.script("opencode/schema.sql").replace("PRAGMA journal_mode = WAL;", ""));
    Fixtures.execute(database, Fixtures.script("opencode/rows.sql"));
    ImportHarness.Result locked;
    try (Connection agent = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement statement = agent.createStatement()) {
      // A rollback-journal database while another program commits: readers must wait.
      statement.execute("BEGIN EXCLUSIVE");
      locked = opencode.run();
      statement.execute("ROLLBACK");
    }

    assertEquals(
        List.of(
            database
                + ": the database is locked by another program (the agent may be writing to it);"
                + " it is read again at the next import"),
        locked.badRecords().stream().map(BadRecord::message).toList());
    assertEquals(4, opencode.run().stored().size());
  }
}
