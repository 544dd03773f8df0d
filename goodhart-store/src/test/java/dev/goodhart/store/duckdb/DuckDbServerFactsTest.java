package dev.goodhart.store.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import dev.goodhart.model.access.ApiToken;
import dev.goodhart.model.access.Scope;
import dev.goodhart.model.delivery.DeliveryBatch;
import dev.goodhart.model.delivery.DeploymentFact;
import dev.goodhart.model.delivery.IncidentFact;
import dev.goodhart.model.delivery.PullRequestFact;
import dev.goodhart.model.delivery.ReviewFact;
import dev.goodhart.model.telemetry.MetricDaily;
import dev.goodhart.model.telemetry.MetricPoint;
import dev.goodhart.model.telemetry.MetricPoint.Temporality;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's facts: metric increments, delivery events, tokens and teams, kept across reopen. */
class DuckDbServerFactsTest {
  private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

  @TempDir Path folder;

  private DuckDbStore open() {
    return DuckDbStore.open(folder, new DuckDbStore.Settings("128MB", 2));
  }

  private static MetricPoint point(
      String series, Temporality temporality, @Nullable Instant start, int minute, double value) {
    return new MetricPoint(
        "claude",
        "claude_code.cost.usage",
        series,
        start,
        T0.plusSeconds(60L * minute),
        temporality,
        value,
        0,
        "s-1",
        "p_1",
        "claude-sonnet-5",
        null,
        "{}");
  }

  private static double total(DuckDbStore store) {
    return store.metricsByDay(null, null).stream().mapToDouble(MetricDaily::value).sum();
  }

  @Test
  void cumulativePointsAreStoredAsIncrementsWithResetsAndRetries() {
    try (DuckDbStore store = open()) {
      Instant start = T0.minusSeconds(60);
      // 5, then 8 (+3), then a retry of 8 (nothing), then an older point (nothing).
      assertEquals(
          2,
          store.recordMetrics(
              List.of(
                  point("a", Temporality.CUMULATIVE, start, 1, 5),
                  point("a", Temporality.CUMULATIVE, start, 2, 8))));
      assertEquals(
          0, store.recordMetrics(List.of(point("a", Temporality.CUMULATIVE, start, 2, 8))));
      assertEquals(
          0, store.recordMetrics(List.of(point("a", Temporality.CUMULATIVE, start, 1, 5))));
      assertEquals(8, total(store), 1e-9);
      // The counter restarts (new start time): 2 is all new. Then it drops without a new start: 1
      // is new.
      store.recordMetrics(List.of(point("a", Temporality.CUMULATIVE, T0.plusSeconds(150), 3, 2)));
      store.recordMetrics(List.of(point("a", Temporality.CUMULATIVE, T0.plusSeconds(150), 4, 1)));
      assertEquals(11, total(store), 1e-9);
    }
    // The series' state survives a restart: 4 after 1 adds 3.
    try (DuckDbStore store = open()) {
      store.recordMetrics(List.of(point("a", Temporality.CUMULATIVE, T0.plusSeconds(150), 5, 4)));
      assertEquals(14, total(store), 1e-9);
    }
  }

  @Test
  void deltaPointsAddUpAndARetryIsStoredOnce() {
    try (DuckDbStore store = open()) {
      MetricPoint first = point("d", Temporality.DELTA, T0, 1, 0.25);
      MetricPoint second = point("d", Temporality.DELTA, T0.plusSeconds(60), 2, 0.5);
      assertEquals(2, store.recordMetrics(List.of(first, second)));
      assertEquals(0, store.recordMetrics(List.of(second)));
      List<MetricDaily> days = store.metricsByDay(null, null);
      assertEquals(1, days.size());
      assertEquals(LocalDate.parse("2026-11-30"), days.getFirst().day());
      assertEquals(0.75, days.getFirst().value(), 1e-9);
      assertEquals(2, days.getFirst().points());
      assertEquals(1, days.getFirst().sessions());
      assertEquals(0, store.metricsByDay(T0.plusSeconds(3600), null).size());
    }
  }

  @Test
  void deliveryFactsKeepTheLatestReportAndADeliveryIsStoredOnce() {
    PullRequestFact open =
        new PullRequestFact(
            "acme/web",
            7,
            "open",
            "p_a",
            T0,
            T0,
            null,
            null,
            null,
            "a".repeat(40),
            "main",
            3,
            1,
            1);
    PullRequestFact merged =
        new PullRequestFact(
            "acme/web",
            7,
            "merged",
            "p_a",
            T0,
            T0.plusSeconds(600),
            T0.plusSeconds(600),
            T0.plusSeconds(600),
            "b".repeat(40),
            "a".repeat(40),
            "main",
            3,
            1,
            1);
    try (DuckDbStore store = open()) {
      assertTrue(store.recordDelivery(batch("d-1", List.of(open), List.of())));
      assertTrue(store.recordDelivery(batch("d-2", List.of(merged), List.of())));
      // A late copy of the opening does not undo the merge; a repeated delivery is ignored.
      assertTrue(store.recordDelivery(batch("d-3", List.of(open), List.of())));
      assertFalse(store.recordDelivery(batch("d-2", List.of(open), List.of())));
      assertEquals(List.of(merged), store.pullRequests());

      DeploymentFact deployment =
          new DeploymentFact(
              "github", "42", "acme/web", "b".repeat(40), "production", "success", T0);
      IncidentFact incident =
          new IncidentFact(
              "pager", "INC-1", "acme/web", "sev2", T0, null, "42", List.of("b".repeat(40)));
      ReviewFact review = new ReviewFact("acme/web", 7, 99L, "approved", "p_b", T0);
      assertTrue(
          store.recordDelivery(
              new DeliveryBatch(
                  null,
                  List.of(),
                  List.of(review),
                  List.of(),
                  List.of(deployment),
                  List.of(incident))));
      assertEquals(List.of(deployment), store.deployments());
      assertEquals(List.of(incident), store.incidents());
      assertEquals(List.of(review), store.reviews());
    }
  }

  private static DeliveryBatch batch(
      String id, List<PullRequestFact> pullRequests, List<DeploymentFact> deployments) {
    return new DeliveryBatch(id, pullRequests, List.of(), List.of(), deployments, List.of());
  }

  @Test
  void tokensAndTeamsAreKept() {
    ApiToken token =
        new ApiToken("gh_1", "ab".repeat(32), Set.of(Scope.INGEST, Scope.READ), "ci", T0, null);
    try (DuckDbStore store = open()) {
      store.saveToken(token);
      store.replaceTeams(Map.of("p_a", "platform", "p_b", "web"));
    }
    try (DuckDbStore store = open()) {
      assertEquals(token, store.token("gh_1").orElseThrow());
      assertTrue(store.revokeToken("gh_1", T0.plusSeconds(1)));
      assertFalse(store.revokeToken("gh_1", T0.plusSeconds(2)));
      assertFalse(store.token("gh_1").orElseThrow().allows(Scope.READ));
      assertEquals(Map.of("p_a", "platform", "p_b", "web"), store.teams());
      store.replaceTeams(Map.of("p_c", "web"));
      assertEquals(Map.of("p_c", "web"), store.teams());
    }
  }

  private static UsageEvent request(String key, Instant at) {
    return new UsageEvent(
        "claude",
        key,
        null,
        false,
        at,
        "s-1",
        null,
        null,
        null,
        "person:p_1",
        "anthropic",
        "claude-sonnet-4-5",
        false,
        TokenCounts.of(100, 10, 0, 0),
        null);
  }

  @Test
  void telemetryRetriesAreStoredOnceHoweverLargeTheStore() {
    try (DuckDbStore store = open()) {
      List<UsageEvent> first = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        first.add(request("otel:req_" + i, T0.plusSeconds(i)));
      }
      dev.goodhart.model.SessionSignal commit =
          dev.goodhart.model.SessionSignal.commit(
              new dev.goodhart.model.SessionSignal.Context(
                  "claude", "s-1", "person:p_1", T0, null, null, null),
              "otel:c:toolu_1",
              "abcdef1",
              null);
      store.appendTelemetry(first, List.of(commit));
      store.appendTelemetry(List.of(), List.of(commit, commit));
      assertEquals(1, store.signals().size(), "a retried signal is stored once");
      // A retry of part of it, mixed with new requests and a copy inside the batch itself.
      List<UsageEvent> retry = new ArrayList<>(first.subList(990, 1000));
      retry.add(request("otel:req_new", T0.plusSeconds(5000)));
      retry.add(request("otel:req_new", T0.plusSeconds(5000)));
      store.appendTelemetry(retry, List.of());
      assertEquals(1001, store.statistics().events());
      assertEquals(1001, store.statistics().countedEvents());
    }
  }

  /**
   * After a reopen the writer no longer remembers what it stored: a retry then is older than its
   * horizon and is compared in the store. A failed transaction leaves nothing remembered either, so
   * its retry is stored.
   */
  @Test
  void telemetryRetriesAreStoredOnceAcrossAReopenAndAfterAFailure() {
    List<UsageEvent> first = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      first.add(request("otel:req_" + i, T0.plusSeconds(i)));
    }
    try (DuckDbStore store = open()) {
      store.appendTelemetry(first, List.of());
    }
    try (DuckDbStore store = open()) {
      List<UsageEvent> retry = new ArrayList<>(first.subList(50, 100));
      retry.add(request("otel:req_late", T0.plusSeconds(10))); // new, but older than the newest
      retry.add(request("otel:req_next", T0.plusSeconds(500)));
      store.appendTelemetry(retry, List.of());
      store.appendTelemetry(List.of(request("otel:req_next", T0.plusSeconds(500))), List.of());
      assertEquals(102, store.statistics().events());

      // The signals cannot be staged (their file is a folder): the whole transaction fails.
      List<UsageEvent> failing = List.of(request("otel:req_failed", T0.plusSeconds(600)));
      dev.goodhart.model.SessionSignal broken =
          dev.goodhart.model.SessionSignal.commit(
              new dev.goodhart.model.SessionSignal.Context(
                  "claude", "s-1", "person:p_1", T0.plusSeconds(600), null, null, null),
              "otel:c:broken",
              "abcdef1",
              null);
      java.nio.file.Path staging = folder.resolve("staging-telemetry-signals.csv");
      try {
        java.nio.file.Files.createDirectory(staging); // the signals' staging file cannot be written
        assertThrows(RuntimeException.class, () -> store.appendTelemetry(failing, List.of(broken)));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      } finally {
        staging.toFile().delete();
      }
      assertEquals(102, store.statistics().events(), "nothing of the failed transaction");
      store.appendTelemetry(failing, List.of());
      assertEquals(103, store.statistics().events(), "its retry is stored");
      assertEquals(103, store.statistics().countedEvents());
    }
  }

  @Test
  void telemetryEventsReadBackAsTheyWereSent() {
    Instant at = Instant.parse("2026-11-30T10:00:00.123456789Z");
    UsageEvent sent =
        new UsageEvent(
            "codex",
            "otel:x",
            null,
            false,
            at,
            "conv-1",
            null,
            "/w",
            "main",
            "person:p_9",
            "openai",
            "gpt-5-codex",
            true,
            new TokenCounts(1200, 300, 800, 5, 0, 100),
            new java.math.BigDecimal("0.012345"));
    try (DuckDbStore store = open()) {
      store.appendTelemetry(List.of(sent), List.of());
      List<dev.goodhart.store.CountedEvent> read = new ArrayList<>();
      store.scanEvents(dev.goodhart.store.UsageFilter.ALL, read::add);
      assertEquals(1, read.size());
      dev.goodhart.store.CountedEvent event = read.getFirst();
      assertEquals(Instant.parse("2026-11-30T10:00:00.123456Z"), event.timestamp());
      assertEquals(sent.tokens(), event.tokens());
      assertEquals(0, new java.math.BigDecimal("0.012345").compareTo(event.reportedCost()));
      assertEquals("person:p_9", event.machineId());
      assertEquals("conv-1", event.sessionId());
      assertEquals("/w", event.cwd());
      assertEquals("main", event.gitBranch());
      assertTrue(event.fast());
    }
  }

  @Test
  void aReaderSeesWhatTheWriterCommitted() {
    try (DuckDbStore store = open();
        DuckDbStore reader = store.reader()) {
      store.recordMetrics(List.of(point("d", Temporality.DELTA, T0, 1, 1.5)));
      assertEquals(1.5, total(reader), 1e-9);
    }
  }
}
