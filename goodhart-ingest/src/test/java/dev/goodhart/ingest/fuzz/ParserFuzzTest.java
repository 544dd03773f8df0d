package dev.goodhart.ingest.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.fuzz.MalformedRecords.Mutant;
import dev.goodhart.ingest.fuzz.MalformedRecords.Mutation;
import dev.goodhart.ingest.fuzz.Subject.Outcome;
import dev.goodhart.ingest.json.JsonRecords;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import dev.goodhart.model.WrittenPaths;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opentest4j.AssertionFailedError;

/**
 * Holds every parser to the contract of {@link RecordParser}: on malformed input it returns
 * normally or throws {@link BadRecordException}, and nothing else (price files: a {@link
 * GoodhartException} with {@link ErrorCode#BAD_PRICE_FILE}); and what it emits is still a sane
 * event or session signal. A failure names the seed, the case and the input; {@code
 * FuzzTarget.CODEX.corpus().generate(seed, case)} makes the input again.
 *
 * <p>Longer or different runs: {@code ./mvnw -pl goodhart-ingest -am verify -Dtest=ParserFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dgoodhart.fuzz.cases=1000000 -Dgoodhart.fuzz.seed=7}.
 */
class ParserFuzzTest {
  private static final long SEED = Long.getLong("goodhart.fuzz.seed", 20_260_301L);
  private static final int CASES = Integer.getInteger("goodhart.fuzz.cases", 10_000);
  private static final int DAMAGED_STATES = Math.max(1, CASES / 5);

  /** 10,000 cases take about a second per parser; the limit only has to end a hang. */
  private static final Duration TIME_LIMIT = Duration.ofSeconds(Math.max(60, CASES / 100));

  /**
   * The window of plausible event times: a log cannot predate the epoch its clock counts from, and
   * a time after 2100 is damage (the store's microsecond timestamps end in year 294,247).
   */
  private static final Instant EARLIEST = Instant.EPOCH;

  private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

  @TempDir Path folder;

  @ParameterizedTest
  @EnumSource(FuzzTarget.class)
  void theValidSeedsParse(FuzzTarget target) {
    Subject subject = target.subject(folder);
    Random random = new Random(SEED);
    int events = 0;
    for (String seed : target.seeds()) {
      Outcome outcome = subject.read(seed.getBytes(UTF_8), random);
      assertNull(outcome.rejection(), () -> target + " refused a valid seed: " + seed);
      outcome.events().forEach(ParserFuzzTest::checkInvariants);
      outcome.signals().forEach(ParserFuzzTest::checkInvariants);
      events += outcome.events().size() + outcome.signals().size();
    }
    assertTrue(
        events > 0 || target == FuzzTarget.PRICE_FILES, target + " emitted nothing from its seeds");
  }

  @ParameterizedTest
  @EnumSource(FuzzTarget.class)
  void onlyTheDocumentedExceptionEscapes(FuzzTarget target) {
    Subject subject = target.subject(folder);
    MalformedRecords corpus = target.corpus();
    AtomicInteger current = new AtomicInteger();
    long started = System.nanoTime();

    Tally tally =
        assertTimeoutPreemptively(
            TIME_LIMIT,
            () -> run(target, subject, corpus, current),
            () ->
                "%s hangs on case %d of seed %d: %s"
                    .formatted(
                        target,
                        current.get(),
                        SEED,
                        corpus.generate(SEED, current.get()).printable()));

    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf(
        "fuzz %-15s %,7d cases, %,7d rejected as bad records (%d%%), %,6d events, %,6d signals,"
            + " %,6d ms%n"
            + "     rejected/cases by mutation: %s%n",
        target,
        tally.cases,
        tally.rejected,
        100 * tally.rejected / tally.cases,
        tally.events,
        tally.signals,
        millis,
        tally.byMutation());
    // A corpus the parser mostly accepts would test the happy path, not the error paths.
    assertTrue(
        tally.rejected * 2 > tally.cases,
        "only %d of %d cases were bad records".formatted(tally.rejected, tally.cases));
  }

  /**
   * The importer stores each file's parser state and resumes from it. A damaged state reads as
   * whatever survives of it (a fresh start when nothing does), never as an exception or an
   * impossible running total.
   */
  @ParameterizedTest
  @EnumSource(
      value = FuzzTarget.class,
      names = {"CODEX", "GEMINI_LINES", "PI", "OPENCLAW", "COPILOT"})
  void aParserResumedFromADamagedStateThrowsOnlyBadRecords(FuzzTarget target) {
    JsonLinesSubject subject = (JsonLinesSubject) target.subject(folder);
    MalformedRecords states =
        new MalformedRecords(
            subject.statesAlongTheValidLines(),
            List.of(
                "session",
                "cwd",
                "branch",
                "model",
                "provider",
                "total",
                "patched",
                "t:4bf92f3577b34da6a3ce929d0e0e4736",
                "t:0af7651916cd43dd8448eb211c80319c"));
    for (int i = 0; i < DAMAGED_STATES; i++) {
      Mutant damaged = states.generate(SEED, i);
      try {
        subject
            .resume(new String(damaged.bytes(), UTF_8))
            .events()
            .forEach(ParserFuzzTest::checkInvariants);
        subject
            .resume(new String(damaged.bytes(), UTF_8))
            .signals()
            .forEach(ParserFuzzTest::checkInvariants);
      } catch (Throwable t) {
        String again = "the damaged states of %s, generate(%dL, %d)".formatted(target, SEED, i);
        throw new AssertionFailedError(report(target + " resumed", again, damaged, t), t);
      }
    }
  }

  private static Tally run(
      FuzzTarget target, Subject subject, MalformedRecords corpus, AtomicInteger current) {
    Tally tally = new Tally();
    for (int i = 0; i < CASES; i++) {
      current.set(i);
      Mutant mutant = corpus.generate(SEED, i);
      try {
        Outcome outcome = subject.read(mutant.bytes(), aroundTheInput(i));
        outcome.events().forEach(ParserFuzzTest::checkInvariants);
        outcome.signals().forEach(ParserFuzzTest::checkInvariants);
        tally.count(mutant, outcome);
      } catch (Throwable t) {
        // Anything but the documented exception, an OutOfMemoryError or StackOverflowError too.
        String again =
            "FuzzTarget.%s.corpus().generate(%dL, %d), read with new Random(%dL * 31 + %d)"
                .formatted(target, SEED, i, SEED, i);
        throw new AssertionFailedError(report(target.toString(), again, mutant, t), t);
      }
    }
    return tally;
  }

  /** The subject's own choices (earlier lines, padding) for case {@code i}, reproducible alone. */
  private static Random aroundTheInput(int i) {
    return new Random(SEED * 31 + i);
  }

  private static void checkInvariants(UsageEvent event) {
    TokenCounts tokens = event.tokens();
    assertTrue(
        tokens.input() >= 0
            && tokens.output() >= 0
            && tokens.cacheRead() >= 0
            && tokens.cacheWrite5m() >= 0
            && tokens.cacheWrite1h() >= 0
            && tokens.reasoning() >= 0,
        () -> "a negative token count got through: " + tokens);
    // No count may exceed what two plausible fields add up to (input less cache plus tool use).
    long most = 2 * JsonRecords.MAX_COUNT;
    assertTrue(
        tokens.input() <= most
            && tokens.output() <= most
            && tokens.cacheRead() <= most
            && tokens.cacheWrite5m() <= most
            && tokens.cacheWrite1h() <= most,
        () -> "an impossible token count got through: " + tokens);
    Instant timestamp = event.timestamp();
    assertTrue(
        timestamp != null && !timestamp.isBefore(EARLIEST) && !timestamp.isAfter(LATEST),
        () -> "an implausible timestamp got through: " + timestamp);
    BigDecimal cost = event.reportedCostUsd();
    assertTrue(
        cost == null || fitsTheStoresCostColumn(cost),
        () -> "a reported cost the store cannot hold got through: " + cost);
    assertFalse(event.eventKey().isBlank(), "an event has a blank key");
  }

  /**
   * A signal has a key and a plausible time; an edit's line count is its number of line hashes when
   * it has them, and its file is a path as {@link WrittenPaths} spells them.
   */
  private static void checkInvariants(SessionSignal signal) {
    assertFalse(signal.signalKey().isBlank(), "a signal has a blank key");
    Instant timestamp = signal.timestamp();
    assertTrue(
        !timestamp.isBefore(EARLIEST) && !timestamp.isAfter(LATEST),
        () -> "an implausible signal time got through: " + timestamp);
    if (signal.kind() == SessionSignal.Kind.EDIT && signal.lineHashCount() > 0) {
      assertEquals(
          signal.lineHashCount(), signal.lines(), () -> "lines and hashes differ: " + signal);
    }
    String file = signal.filePath();
    assertTrue(
        file == null || file.equals(WrittenPaths.resolve(null, file)),
        () -> "a file path that is not in its normal form got through: " + file);
  }

  /** The store rounds reported costs to 18 decimals in a DECIMAL(38, 18) column. */
  private static boolean fitsTheStoresCostColumn(BigDecimal cost) {
    try {
      return cost.setScale(18, RoundingMode.HALF_EVEN).precision() <= 38;
    } catch (ArithmeticException e) {
      return false;
    }
  }

  private static String report(String what, String again, Mutant mutant, Throwable thrown) {
    return """
        %s: case %d of seed %d failed with %s
          mutations: %s
          input (%,d bytes): %s
          again: %s"""
        .formatted(
            what,
            mutant.index(),
            SEED,
            thrown,
            mutant.mutations(),
            mutant.bytes().length,
            mutant.printable(),
            again);
  }

  /** What a corpus run gave, by mutation, to show the corpus reaches the error paths. */
  private static final class Tally {
    int cases;
    int rejected;
    long events;
    long signals;
    final Map<Mutation, int[]> mutations = new EnumMap<>(Mutation.class);

    void count(Mutant mutant, Outcome outcome) {
      cases++;
      events += outcome.events().size();
      signals += outcome.signals().size();
      int[] counts = mutations.computeIfAbsent(mutant.mutations().getFirst(), m -> new int[2]);
      counts[1]++;
      if (outcome.isRejected()) {
        rejected++;
        counts[0]++;
      }
    }

    String byMutation() {
      return mutations.entrySet().stream()
          .map(e -> e.getKey() + " " + e.getValue()[0] + "/" + e.getValue()[1])
          .collect(Collectors.joining(", "));
    }
  }
}
