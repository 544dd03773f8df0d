package dev.goodhart.ingest.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.ingest.Fixtures;
import dev.goodhart.ingest.ImportHarness;
import dev.goodhart.ingest.UsageSource;
import dev.goodhart.ingest.goose.GooseSource;
import dev.goodhart.ingest.grok.GrokSource;
import dev.goodhart.ingest.hermes.HermesSource;
import dev.goodhart.ingest.kilo.KiloSource;
import dev.goodhart.ingest.opencode.OpenCodeSource;
import dev.goodhart.ingest.zcode.ZCodeSource;
import dev.goodhart.model.UsageEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opentest4j.AssertionFailedError;

/**
 * The agents' databases damaged on disk (bytes flipped, pages zeroed, the file cut short), read by
 * the real importer: every case ends in events and bad records, never in an exception, and what is
 * read is still sane. The row parsers behind them are fuzzed by {@link ParserFuzzTest}; this holds
 * SQLite's side, the queries and the opening, to the same contract. {@code
 * -Dgoodhart.fuzz.databaseCases=N} runs more.
 */
class DatabaseDamageFuzzTest {
  private static final long SEED = Long.getLong("goodhart.fuzz.seed", 20_260_301L);
  private static final int CASES = Integer.getInteger("goodhart.fuzz.databaseCases", 40);

  @TempDir Path folder;

  enum Database {
    OPENCODE(".local/share/opencode/opencode.db", OpenCodeSource::new, "opencode/rows.sql"),
    KILO(".local/share/kilo/kilo.db", KiloSource::new, "opencode/kilo-rows.sql"),
    GOOSE(".local/share/goose/sessions/sessions.db", GooseSource::new, null),
    HERMES(".hermes/state.db", HermesSource::new, null),
    GROK(".grok/grok.db", GrokSource::new, null),
    ZCODE(".zcode/cli/db/db.sqlite", ZCodeSource::new, null);

    final String place;
    final Supplier<UsageSource> source;
    final String rows;

    Database(String place, Supplier<UsageSource> source, String rows) {
      this.place = place;
      this.source = source;
      this.rows = rows;
    }

    String schema() {
      return switch (this) {
        case OPENCODE, KILO -> "opencode/schema.sql";
        case GOOSE -> "goose/sessions.sql";
        case HERMES -> "hermes/state.sql";
        case GROK -> "grok/grok.sql";
        case ZCODE -> "zcode/db.sql";
      };
    }
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void aDamagedDatabaseGivesBadRecordsNeverAnException(Database database) throws IOException {
    Path pristine =
        Fixtures.create(folder.resolve("pristine.db"), Fixtures.script(database.schema()));
    if (database.rows != null) {
      Fixtures.execute(pristine, Fixtures.script(database.rows));
    }
    Fixtures.execute(pristine, "PRAGMA journal_mode = DELETE;\n");
    byte[] bytes = Files.readAllBytes(pristine);
    int problems = 0;
    for (int i = 0; i < CASES; i++) {
      Random random = new Random(SEED * 31 + i);
      byte[] damaged = damage(bytes, random);
      Path home = folder.resolve("case-" + i);
      Path file = home.resolve(database.place);
      Files.createDirectories(file.getParent());
      Files.write(file, damaged);
      try {
        ImportHarness.Result result =
            new ImportHarness(home, Map.of(), database.source.get()).run();
        result.stored().forEach(DatabaseDamageFuzzTest::checkSane);
        problems += result.badRecords().size();
      } catch (Throwable t) {
        throw new AssertionFailedError(
            "%s, case %d (new Random(%dL * 31 + %d)): %s".formatted(database, i, SEED, i, t), t);
      }
    }
    assertTrue(problems > 0, "the damage reached the readers");
  }

  /** One of three kinds of damage, at a place of the file's own choosing. */
  private static byte[] damage(byte[] pristine, Random random) {
    byte[] bytes = pristine.clone();
    switch (random.nextInt(3)) {
      case 0 -> {
        int flips = 1 + random.nextInt(32);
        for (int f = 0; f < flips; f++) {
          bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
        }
      }
      case 1 -> {
        int pages = bytes.length / 4096;
        int page = random.nextInt(Math.max(1, pages));
        Arrays.fill(bytes, page * 4096, Math.min(bytes.length, (page + 1) * 4096), (byte) 0);
      }
      default -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
    }
    return bytes;
  }

  private static void checkSane(UsageEvent event) {
    assertTrue(event.tokens().total() >= 0, () -> "negative tokens: " + event);
    assertTrue(!event.eventKey().isBlank(), () -> "a blank key: " + event);
  }
}
