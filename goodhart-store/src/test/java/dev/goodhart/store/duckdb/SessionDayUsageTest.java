package dev.goodhart.store.duckdb;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.model.ImportTransaction;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import dev.goodhart.store.CountedEvent;
import dev.goodhart.store.UsageAggregate;
import dev.goodhart.store.UsageFilter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-session and day sums every write keeps ({@code usage_session_day}) equal, after every
 * write, what the counted events sum to when summed one by one in Java: across file imports and
 * telemetry, retries, re-read events that grew (and moved to another day), sidechain copies whose
 * counting changes, telemetry's copies of logged requests arriving before and after the logs,
 * events older than what is stored, and batches split anywhere.
 */
class SessionDayUsageTest {
  private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
  private static final String[] MODELS = {"claude-sonnet-4-5", "claude-opus-4-1", "gpt-5-codex"};

  @TempDir Path folder;

  @Test
  void theSumsEqualTheCountedEventsAfterEveryWrite() {
    for (long seed = 1; seed <= 4; seed++) {
      Path data = folder.resolve("seed-" + seed);
      try (DuckDbStore store = DuckDbStore.open(data, DuckDbStore.Settings.defaults())) {
        runScenario(store, new SplittableRandom(seed));
      }
    }
  }

  /**
   * A server that only receives telemetry adds each write's sums to the kept ones (a session's day
   * grows a little every write); retries, a late exporter's old events and an event that names a
   * folder take the path that sums again.
   */
  @Test
  void telemetryAloneIsAddedToTheSums() {
    try (DuckDbStore store =
        DuckDbStore.open(folder.resolve("telemetry"), DuckDbStore.Settings.defaults())) {
      SplittableRandom random = new SplittableRandom(5);
      for (int round = 0; round < 16; round++) {
        List<UsageEvent> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          batch.add(telemetryEvent(random, round, i));
        }
        if (round % 5 == 4) {
          // Older than everything stored, and naming a folder as a log would.
          batch.add(telemetryCopy(logEvent(random, round, 99, true)));
          batch.add(placed(telemetryEvent(random, round, 98)));
        }
        store.appendTelemetry(batch, List.of());
        check(store);
        if (round % 3 == 2) {
          store.appendTelemetry(batch, List.of()); // an exporter's retry
          check(store);
        }
      }
      assertTrue(store.statistics().countedEvents() > 600);
    }
  }

  /** A store from before the sums (schema 9) has them made from its events when it is opened. */
  @Test
  void aStoreFromBeforeTheSumsGetsThemWhenOpened() throws Exception {
    List<UsageAggregate> before;
    try (DuckDbStore store = DuckDbStore.open(folder, DuckDbStore.Settings.defaults())) {
      runScenario(store, new SplittableRandom(7));
      before = store.usageBySessionDay(UsageFilter.ALL);
    }
    try (Connection connection =
            DriverManager.getConnection(
                "jdbc:duckdb:" + folder.resolve(DuckDbStore.FILE_NAME).toAbsolutePath());
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE usage_session_day");
      statement.execute("DELETE FROM schema_version WHERE version = 10");
    }
    try (DuckDbStore store = DuckDbStore.open(folder, DuckDbStore.Settings.defaults())) {
      assertTrue(!before.isEmpty());
      assertEquals(describe(before), describe(store.usageBySessionDay(UsageFilter.ALL)));
      assertEquals(describe(summedOneByOne(store)), describe(before));
    }
  }

  /** A filter the sums cannot answer (a project, a moment inside a day) sums the events. */
  @Test
  void filtersWithinADayOrByProjectReadTheEvents() {
    try (DuckDbStore store = DuckDbStore.open(folder, DuckDbStore.Settings.defaults())) {
      runScenario(store, new SplittableRandom(11));
      Instant from = START.plus(3, ChronoUnit.DAYS).plus(7, ChronoUnit.HOURS);
      Instant until = START.plus(9, ChronoUnit.DAYS);
      UsageFilter withinDay = new UsageFilter(from, until, List.of(), null);
      assertEquals(
          describe(summedOneByOne(store, withinDay)), describe(store.usageBySessionDay(withinDay)));
      UsageFilter wholeDays =
          new UsageFilter(START.plus(2, ChronoUnit.DAYS), until, List.of("claude"), null);
      assertEquals(
          describe(summedOneByOne(store, wholeDays)), describe(store.usageBySessionDay(wholeDays)));
    }
  }

  /**
   * A daily report's slots of a whole UTC day come from the kept sums: the same as the events'
   * 15-minute slots added up per day, whatever the writes (the scenario's retries, copies, grown
   * events and telemetry), with and without a period and sources.
   */
  @Test
  void daySlotsFromTheKeptSumsEqualTheEventsQuarterHoursAddedUp() {
    try (DuckDbStore store = DuckDbStore.open(folder, DuckDbStore.Settings.defaults())) {
      runScenario(store, new SplittableRandom(7));
      for (UsageFilter filter :
          List.of(
              UsageFilter.ALL,
              new UsageFilter(
                  START.plus(2, ChronoUnit.DAYS),
                  START.plus(9, ChronoUnit.DAYS),
                  List.of("claude"),
                  null))) {
        List<UsageAggregate> days = store.usageBySlot(filter, Duration.ofDays(1));
        assertTrue(days.size() > 5, days.size() + " day slots");
        assertEquals(
            describe(byDay(store.usageBySlot(filter, Duration.ofMinutes(15)))),
            describe(days),
            filter.toString());
      }
    }
  }

  /** Slots added up per UTC day and pricing class. */
  private static List<UsageAggregate> byDay(List<UsageAggregate> slots) {
    Map<String, UsageAggregate> days = new TreeMap<>();
    for (UsageAggregate slot : slots) {
      Instant day = requireNonNull(slot.slot()).truncatedTo(ChronoUnit.DAYS);
      String key =
          String.join(
              "|",
              day.toString(),
              slot.source(),
              slot.machineId(),
              slot.model(),
              String.valueOf(slot.fast()),
              String.valueOf(slot.longContext()),
              String.valueOf(slot.costReported()));
      days.merge(
          key,
          new UsageAggregate(
              day,
              null,
              slot.source(),
              slot.machineId(),
              slot.model(),
              slot.fast(),
              slot.longContext(),
              slot.costReported(),
              slot.tokens(),
              slot.reportedCost(),
              slot.requests(),
              slot.first(),
              slot.last(),
              null,
              null,
              null),
          (a, b) ->
              new UsageAggregate(
                  day,
                  null,
                  a.source(),
                  a.machineId(),
                  a.model(),
                  a.fast(),
                  a.longContext(),
                  a.costReported(),
                  a.tokens().plus(b.tokens()),
                  a.reportedCost().add(b.reportedCost()).stripTrailingZeros(),
                  a.requests() + b.requests(),
                  a.first().isBefore(b.first()) ? a.first() : b.first(),
                  a.last().isAfter(b.last()) ? a.last() : b.last(),
                  null,
                  null,
                  null));
    }
    return List.copyOf(days.values());
  }

  /** The count a linking is sized by: the sessions of the filter's days, bounds' days included. */
  @Test
  void theSessionCountIsTheSessionsOfTheFiltersDays() {
    try (DuckDbStore store = DuckDbStore.open(folder, DuckDbStore.Settings.defaults())) {
      runScenario(store, new SplittableRandom(5));
      UsageFilter withinDay =
          new UsageFilter(
              START.plus(3, ChronoUnit.DAYS).plus(7, ChronoUnit.HOURS),
              START.plus(9, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS),
              List.of(),
              null);
      UsageFilter itsDays =
          new UsageFilter(
              START.plus(3, ChronoUnit.DAYS), START.plus(10, ChronoUnit.DAYS), List.of(), null);
      for (UsageFilter filter : List.of(UsageFilter.ALL, itsDays)) {
        long sessions =
            summedOneByOne(store, filter).stream()
                .map(group -> group.source() + "/" + group.sessionId())
                .distinct()
                .count();
        assertTrue(sessions > 0);
        assertEquals(sessions, store.usageSessionCount(filter), filter.toString());
      }
      assertEquals(store.usageSessionCount(itsDays), store.usageSessionCount(withinDay));
    }
  }

  /** Writes of every kind, checking the sums after each. */
  private static void runScenario(DuckDbStore store, SplittableRandom random) {
    List<UsageEvent> logged = new ArrayList<>();
    for (int round = 0; round < 12; round++) {
      int kind = random.nextInt(5);
      List<UsageEvent> batch = new ArrayList<>();
      switch (kind) {
        case 0, 1 -> {
          // A log's new requests, some with sidechain copies sharing their group.
          for (int i = 0; i < 20 + random.nextInt(60); i++) {
            UsageEvent event = logEvent(random, round, i, false);
            batch.add(event);
            if (random.nextInt(6) == 0) {
              // Before or after the main copy: stored first, it counts until the main one comes.
              batch.add(
                  random.nextBoolean() ? batch.size() - 1 : batch.size(),
                  sidechainCopy(event, random));
            }
          }
          logged.addAll(batch);
          importEvents(store, batch, random);
        }
        case 2 -> {
          // A log read again: some events grew (a streamed message), some on another day.
          for (int i = 0; i < Math.min(logged.size(), 30); i++) {
            UsageEvent old = logged.get(random.nextInt(logged.size()));
            batch.add(random.nextBoolean() ? grown(old, random) : old);
          }
          importEvents(store, batch, random);
        }
        case 3 -> {
          // Telemetry: new requests, copies of logged ones (same counts), a retry of the batch.
          for (int i = 0; i < 30 + random.nextInt(40); i++) {
            batch.add(telemetryEvent(random, round, i));
          }
          for (int i = 0; i < Math.min(logged.size(), 10); i++) {
            UsageEvent copy = logged.get(random.nextInt(logged.size()));
            if (!copy.sidechain()) {
              batch.add(telemetryCopy(copy));
            }
          }
          store.appendTelemetry(batch, List.of());
          check(store);
          if (random.nextBoolean()) {
            store.appendTelemetry(batch, List.of());
          }
        }
        default -> {
          // Telemetry from before everything stored (a late exporter), then logs of it.
          for (int i = 0; i < 25; i++) {
            UsageEvent event = logEvent(random, round, i, true);
            batch.add(event);
          }
          List<UsageEvent> telemetry =
              batch.stream().map(SessionDayUsageTest::telemetryCopy).toList();
          store.appendTelemetry(telemetry, List.of());
          check(store);
          logged.addAll(batch);
          importEvents(store, batch, random);
        }
      }
      check(store);
    }
  }

  private static void importEvents(
      DuckDbStore store, List<UsageEvent> events, SplittableRandom random) {
    // Split anywhere: a batch's copies may land in different transactions.
    int split = events.isEmpty() ? 0 : random.nextInt(events.size() + 1);
    for (List<UsageEvent> part :
        List.of(events.subList(0, split), events.subList(split, events.size()))) {
      try (ImportTransaction transaction = store.beginImport()) {
        transaction.add(part);
        transaction.commit();
      }
    }
  }

  private static void check(DuckDbStore store) {
    assertEquals(
        describe(summedOneByOne(store)), describe(store.usageBySessionDay(UsageFilter.ALL)));
  }

  private static UsageEvent logEvent(SplittableRandom random, int round, int i, boolean early) {
    String session = "s" + random.nextInt(8);
    // Distinct instants (microseconds apart at least), so the last directory named is one.
    Instant at =
        START
            .plus(early ? random.nextInt(3) : 3 + random.nextInt(20), ChronoUnit.DAYS)
            // Some just after midnight: telemetry's copy, moments earlier, is of the day before.
            .plus(
                early && i % 3 == 0 ? random.nextInt(2) : random.nextInt(86_400_000),
                ChronoUnit.MILLIS)
            .plus(round * 1_000 + i, ChronoUnit.MICROS);
    return new UsageEvent(
        random.nextInt(4) == 0 ? "codex" : "claude",
        "log-" + round + "-" + i + "-" + random.nextInt(1_000_000),
        "group-" + round + "-" + i,
        false,
        at,
        session,
        "proj" + random.nextInt(2),
        random.nextInt(3) == 0 ? null : "/work/dir" + random.nextInt(3),
        random.nextInt(3) == 0 ? null : "branch" + random.nextInt(3),
        "m" + random.nextInt(2),
        "anthropic",
        MODELS[random.nextInt(MODELS.length)],
        random.nextInt(10) == 0,
        tokens(random),
        random.nextInt(5) == 0 ? new BigDecimal("0.0" + (1 + random.nextInt(9)) + "25") : null);
  }

  private static TokenCounts tokens(SplittableRandom random) {
    return new TokenCounts(
        random.nextInt(5_000),
        1 + random.nextInt(2_000),
        random.nextInt(250_000),
        random.nextInt(3_000),
        random.nextInt(2) * random.nextInt(1_000),
        random.nextInt(500));
  }

  private static UsageEvent sidechainCopy(UsageEvent event, SplittableRandom random) {
    return new UsageEvent(
        event.source(),
        event.eventKey() + "-side",
        event.dedupGroup(),
        true,
        event.timestamp().plusMillis(1 + random.nextInt(5)),
        "side-" + event.sessionId(),
        event.project(),
        event.cwd(),
        event.gitBranch(),
        event.machineId(),
        event.provider(),
        event.model(),
        event.fast(),
        event.tokens(),
        event.reportedCostUsd());
  }

  /** The same event read again with more output tokens, sometimes a day later. */
  private static UsageEvent grown(UsageEvent old, SplittableRandom random) {
    TokenCounts t = old.tokens();
    return new UsageEvent(
        old.source(),
        old.eventKey(),
        old.dedupGroup(),
        old.sidechain(),
        random.nextInt(4) == 0 ? old.timestamp().plus(1, ChronoUnit.DAYS) : old.timestamp(),
        old.sessionId(),
        old.project(),
        random.nextBoolean() ? "/work/grown" : old.cwd(),
        old.gitBranch(),
        old.machineId(),
        old.provider(),
        old.model(),
        old.fast(),
        new TokenCounts(
            t.input(),
            t.output() + 1 + random.nextInt(100),
            t.cacheRead(),
            t.cacheWrite5m(),
            t.cacheWrite1h(),
            t.reasoning()),
        old.reportedCostUsd());
  }

  private static UsageEvent telemetryEvent(SplittableRandom random, int round, int i) {
    Instant at =
        START
            .plus(20 + random.nextInt(3), ChronoUnit.DAYS)
            .plus(random.nextInt(86_400_000), ChronoUnit.MILLIS)
            .plus(round * 1_000 + i + 500, ChronoUnit.MICROS);
    return new UsageEvent(
        "claude",
        "otel:req-" + round + "-" + i + "-" + random.nextInt(1_000_000),
        null,
        false,
        at,
        "t" + random.nextInt(5),
        null,
        null,
        null,
        "person:p" + random.nextInt(3),
        "anthropic",
        MODELS[random.nextInt(2)],
        false,
        tokens(random),
        random.nextBoolean() ? new BigDecimal("0.125") : null);
  }

  /** The event naming a folder and a branch. */
  private static UsageEvent placed(UsageEvent event) {
    return new UsageEvent(
        event.source(),
        event.eventKey() + "-placed",
        null,
        false,
        event.timestamp(),
        event.sessionId(),
        null,
        "/work/placed",
        "feature",
        event.machineId(),
        event.provider(),
        event.model(),
        event.fast(),
        event.tokens(),
        event.reportedCostUsd());
  }

  /** What telemetry sends for a request a log recorded: same session and counts, its own key. */
  private static UsageEvent telemetryCopy(UsageEvent logged) {
    return new UsageEvent(
        logged.source(),
        "otel:" + logged.eventKey(),
        null,
        false,
        logged.timestamp().minusMillis(3),
        logged.sessionId(),
        null,
        null,
        null,
        "person:p9",
        "anthropic",
        logged.model(),
        logged.fast(),
        logged.tokens(),
        logged.reportedCostUsd());
  }

  private static List<UsageAggregate> summedOneByOne(DuckDbStore store) {
    return summedOneByOne(store, UsageFilter.ALL);
  }

  /** The oracle: every counted event, summed per session, UTC day and pricing class in Java. */
  private static List<UsageAggregate> summedOneByOne(DuckDbStore store, UsageFilter filter) {
    Map<String, List<CountedEvent>> groups = new TreeMap<>();
    store.scanEvents(
        filter,
        event -> {
          Instant day =
              event
                  .timestamp()
                  .atZone(ZoneOffset.UTC)
                  .toLocalDate()
                  .atStartOfDay(ZoneOffset.UTC)
                  .toInstant();
          String key =
              String.join(
                  "|",
                  day.toString(),
                  event.sessionId(),
                  event.source(),
                  event.machineId(),
                  event.model(),
                  Boolean.toString(event.fast()),
                  Boolean.toString(event.longContext()),
                  Boolean.toString(event.reportedCost() != null));
          groups.computeIfAbsent(key, k -> new ArrayList<>()).add(event);
        });
    List<UsageAggregate> sums = new ArrayList<>();
    for (List<CountedEvent> events : groups.values()) {
      CountedEvent first = events.getFirst();
      TokenCounts tokens = TokenCounts.ZERO;
      BigDecimal cost = BigDecimal.ZERO;
      Instant earliest = first.timestamp();
      Instant latest = first.timestamp();
      Map<String, Instant> lastNamed = new HashMap<>();
      String cwd = null;
      String branch = null;
      for (CountedEvent event : events) {
        tokens = tokens.plus(event.tokens());
        cost = event.reportedCost() == null ? cost : cost.add(event.reportedCost());
        earliest = event.timestamp().isBefore(earliest) ? event.timestamp() : earliest;
        latest = event.timestamp().isAfter(latest) ? event.timestamp() : latest;
        if (event.cwd() != null
            && !event.timestamp().isBefore(lastNamed.getOrDefault("cwd", Instant.MIN))) {
          lastNamed.put("cwd", event.timestamp());
          cwd = event.cwd();
        }
        if (event.gitBranch() != null
            && !event.timestamp().isBefore(lastNamed.getOrDefault("branch", Instant.MIN))) {
          lastNamed.put("branch", event.timestamp());
          branch = event.gitBranch();
        }
      }
      sums.add(
          new UsageAggregate(
              first
                  .timestamp()
                  .atZone(ZoneOffset.UTC)
                  .toLocalDate()
                  .atStartOfDay(ZoneOffset.UTC)
                  .toInstant(),
              first.sessionId(),
              first.source(),
              first.machineId(),
              first.model(),
              first.fast(),
              first.longContext(),
              first.reportedCost() != null,
              tokens,
              cost.signum() == 0 ? BigDecimal.ZERO : cost.stripTrailingZeros(),
              events.size(),
              earliest,
              latest,
              null,
              cwd,
              branch));
    }
    return sums;
  }

  /** One line per aggregate, sorted: the comparison ignores order, not content. */
  private static String describe(List<UsageAggregate> aggregates) {
    return aggregates.stream()
        .map(UsageAggregate::toString)
        .sorted()
        .reduce(aggregates.size() + " aggregates", (a, b) -> a + "\n" + b);
  }
}
