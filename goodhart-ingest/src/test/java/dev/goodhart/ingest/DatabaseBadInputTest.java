package dev.goodhart.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.goodhart.ingest.goose.GooseSource;
import dev.goodhart.ingest.grok.GrokSource;
import dev.goodhart.ingest.hermes.HermesSource;
import dev.goodhart.ingest.kilo.KiloSource;
import dev.goodhart.ingest.opencode.OpenCodeSource;
import dev.goodhart.ingest.zcode.ZCodeSource;
import dev.goodhart.model.GoodhartException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A database that is not what its name says, every agent alike: damaged, cut short, another
 * program's, or an empty file. Each is one bad record that says what is wrong; nothing crashes, and
 * {@code --strict} turns it into a failure.
 */
class DatabaseBadInputTest {
  @TempDir Path home;

  static Stream<Arguments> databases() {
    return Stream.of(
        Arguments.of(
            "opencode",
            ".local/share/opencode/opencode.db",
            "opencode/schema.sql",
            "opencode/rows.sql",
            (Supplier<UsageSource>) OpenCodeSource::new),
        Arguments.of(
            "kilo",
            ".local/share/kilo/kilo.db",
            "opencode/schema.sql",
            "opencode/kilo-rows.sql",
            (Supplier<UsageSource>) KiloSource::new),
        Arguments.of(
            "goose",
            ".local/share/goose/sessions/sessions.db",
            "goose/sessions.sql",
            null,
            (Supplier<UsageSource>) GooseSource::new),
        Arguments.of(
            "hermes",
            ".hermes/state.db",
            "hermes/state.sql",
            null,
            (Supplier<UsageSource>) HermesSource::new),
        Arguments.of(
            "grok",
            ".grok/grok.db",
            "grok/grok.sql",
            null,
            (Supplier<UsageSource>) GrokSource::new),
        Arguments.of(
            "zcode",
            ".zcode/cli/db/db.sqlite",
            "zcode/db.sql",
            null,
            (Supplier<UsageSource>) ZCodeSource::new));
  }

  private Path create(String place, String schema, String rows) {
    Path database = Fixtures.create(home.resolve(place), Fixtures.script(schema));
    if (rows != null) {
      Fixtures.execute(database, Fixtures.script(rows));
    }
    // A copy without its write-ahead log: what a damaged file on disk is.
    Fixtures.execute(database, "PRAGMA journal_mode = DELETE;\n");
    return database;
  }

  private List<String> problems(Supplier<UsageSource> source) {
    return new ImportHarness(home, Map.of(), source.get())
        .run().badRecords().stream().map(BadRecord::message).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aFileOfAnotherKindUnderTheNameIsNotADatabase(
      String name, String place, String schema, String rows, Supplier<UsageSource> source)
      throws IOException {
    Path file = home.resolve(place);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"this\": \"is JSON, not SQLite\"}\n".repeat(200));

    assertEquals(
        List.of(
            file
                + ": not a SQLite database (a damaged file, or another kind of file with its"
                + " name)"),
        problems(source));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aDatabaseCutShortIsDamaged(
      String name, String place, String schema, String rows, Supplier<UsageSource> source)
      throws IOException {
    Path database = create(place, schema, rows);
    byte[] bytes = Files.readAllBytes(database);
    Files.write(database, Arrays.copyOf(bytes, bytes.length / 2));

    List<String> problems = problems(source);

    assertEquals(1, problems.size(), problems::toString);
    assertEquals(
        true,
        problems.getFirst().startsWith(database + ": the database is damaged ("),
        problems::toString);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void anotherProgramsDatabaseUnderTheNameLacksTheAgentsTable(
      String name, String place, String schema, String rows, Supplier<UsageSource> source) {
    Path database =
        Fixtures.create(home.resolve(place), "CREATE TABLE notes (id TEXT, body TEXT);\n");

    List<String> problems = problems(source);

    assertEquals(1, problems.size(), problems::toString);
    assertEquals(
        true,
        problems.getFirst().startsWith(database + ": cannot read the database: ")
            && problems.getFirst().contains("no table '"),
        problems::toString);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void anEmptyFileHoldsNothingToRead(
      String name, String place, String schema, String rows, Supplier<UsageSource> source)
      throws IOException {
    // SQLite reads an empty file as an empty database: the agent's tables are missing.
    Path file = home.resolve(place);
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[0]);

    List<String> problems = problems(source);

    assertEquals(1, problems.size(), problems::toString);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void strictStopsAtTheFirstBadDatabase(
      String name, String place, String schema, String rows, Supplier<UsageSource> source)
      throws IOException {
    Path file = home.resolve(place);
    Files.createDirectories(file.getParent());
    Files.write(
        file, "SQLite format 3\0 and then nothing a database has".getBytes(StandardCharsets.UTF_8));

    GoodhartException e =
        assertThrows(
            GoodhartException.class,
            () -> new ImportHarness(home, Map.of(), source.get()).strict().run());

    assertEquals(
        true,
        e.getMessage()
            .endsWith(
                "stopped there because of --strict (without it,"
                    + " bad records are reported and skipped)"),
        e.getMessage());
  }
}
