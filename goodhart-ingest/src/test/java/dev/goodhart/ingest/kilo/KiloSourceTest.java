package dev.goodhart.ingest.kilo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.goodhart.ingest.Fixtures;
import dev.goodhart.ingest.GoldenEvents;
import dev.goodhart.ingest.ImportHarness;
import dev.goodhart.ingest.opencode.OpenCodeSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kilo's database: OpenCode's tables, read by OpenCode's reader under Kilo's name. */
class KiloSourceTest {
  @TempDir Path home;

  Path fixture(Path database) {
    Fixtures.create(database, Fixtures.script("opencode/schema.sql"));
    Fixtures.execute(database, Fixtures.script("opencode/kilo-rows.sql"));
    return database;
  }

  @Test
  void theFixtureGivesItsGoldenEventsAndEdits() {
    fixture(home.resolve(".local/share/kilo/kilo.db"));

    ImportHarness.Result result = new ImportHarness(home, Map.of(), new KiloSource()).run();

    assertEquals(List.of(), result.badRecords());
    GoldenEvents.assertMatches("kilo", result.stored(), result.signals());
  }

  @Test
  void kiloDataDirNamesTheFolders(@TempDir Path archive) {
    fixture(archive.resolve("kilo.db"));

    ImportHarness.Result result =
        new ImportHarness(home, Map.of("KILO_DATA_DIR", archive.toString()), new KiloSource())
            .run();

    assertEquals(1, result.stored().size());
  }

  @Test
  void kiloAndOpenCodeKeepTheirOwnDatabases() {
    fixture(home.resolve(".local/share/kilo/kilo.db"));

    ImportHarness.Result result =
        new ImportHarness(home, Map.of(), new OpenCodeSource(), new KiloSource()).run();

    assertEquals(1, result.summary().filesFound());
    assertEquals("kilo", result.stored().getFirst().source());
  }
}
