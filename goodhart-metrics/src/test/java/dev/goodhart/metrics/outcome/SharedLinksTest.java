package dev.goodhart.metrics.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.metrics.usage.CostMode;
import dev.goodhart.metrics.usage.Pricer;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import dev.goodhart.model.git.CommitFact;
import dev.goodhart.model.git.LineFate;
import dev.goodhart.model.git.RepositoryRef;
import dev.goodhart.model.git.RepositoryScan;
import dev.goodhart.model.pricing.PriceTable;
import dev.goodhart.store.duckdb.DuckDbStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server links a period's sessions once and reports every team and repository from those links:
 * each such report must equal the one computed on its own, whatever the scope.
 */
class SharedLinksTest {
  private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
  private static final RepositoryRef REPO =
      new RepositoryRef("r-1", "/work/api", "git@github.com:acme/api.git", "main", sha('f'));

  @TempDir Path folder;
  private DuckDbStore store;
  private OutcomeLedger ledger;

  private static String sha(char c) {
    return String.valueOf(c).repeat(40);
  }

  @BeforeEach
  void anOrganisationOfTwelve() {
    store = DuckDbStore.open(folder, new DuckDbStore.Settings("128MB", 1));
    List<CommitFact> commits = new ArrayList<>();
    String parent = null;
    for (char c = 'a'; c <= 'f'; c++) {
      Instant at = T0.plusSeconds(3_600L * (c - 'a') * 20);
      commits.add(
          new CommitFact(
              REPO.id(),
              sha(c),
              parent == null ? List.of() : List.of(parent),
              "Ana",
              "ana@example.com",
              at,
              at,
              "change " + c,
              true,
              10,
              0,
              null,
              List.of(),
              List.of(),
              null,
              null,
              new LineFate(10, 10, 10, 0, null, null, null, null, new int[0], new long[0])));
      parent = sha(c);
    }
    store.replaceScan(new RepositoryScan(REPO, T0.plusSeconds(86_400 * 6), "test", commits));
    List<UsageEvent> events = new ArrayList<>();
    List<SessionSignal> signals = new ArrayList<>();
    for (int person = 0; person < 12; person++) {
      for (int session = 0; session < 3; session++) {
        String id = "s-%d-%d".formatted(person, session);
        Instant start = T0.plusSeconds(86_400L * ((person + session) % 5) + 600L * person);
        String cwd = person % 3 == 0 ? "/elsewhere" : "/work/api";
        for (int request = 0; request < 4; request++) {
          events.add(
              new UsageEvent(
                  "claude-code",
                  "otel:" + id + "-" + request,
                  null,
                  false,
                  start.plusSeconds(60L * request),
                  id,
                  null,
                  cwd,
                  "main",
                  "person:p" + person,
                  "anthropic",
                  request % 2 == 0 ? "claude-sonnet-4-5" : "claude-opus-4-1",
                  false,
                  TokenCounts.of(100 + person, 10 * request, 0, 0),
                  new BigDecimal("0.%02d".formatted(person + request + 1))));
        }
        if (cwd.equals("/work/api")) {
          char c = (char) ('a' + (person + session) % 6);
          SessionSignal.Context at =
              new SessionSignal.Context(
                  "claude-code", id, "person:p" + person, start, cwd, "main", null);
          signals.add(SessionSignal.commit(at, "c:" + id, sha(c).substring(0, 7), "main"));
        }
      }
    }
    store.appendTelemetry(events, signals);
    ledger =
        new OutcomeLedger(
            store,
            new Pricer(PriceTable.of("none", Map.of()), CostMode.DISPLAY),
            machine -> machine.startsWith("person:") ? machine.substring(7) : null,
            Clock.fixed(T0.plusSeconds(86_400 * 7), ZoneOffset.UTC),
            List.of());
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void everyScopesReportFromSharedLinksEqualsItsOwn() {
    Set<String> teamA = Set.of("p0", "p1", "p2", "p3", "p4", "p5");
    Set<String> teamB = Set.of("p6", "p7", "p8", "p9", "p10", "p11");
    for (LocalDate[] period :
        new LocalDate[][] {
          {null, null}, {LocalDate.parse("2026-11-03"), LocalDate.parse("2026-11-05")}
        }) {
      OutcomeQuery everyone = new OutcomeQuery(period[0], period[1], 5, null, null, true);
      OutcomeLedger.Linked linked = ledger.link(everyone);
      for (OutcomeQuery query :
          List.of(
              everyone,
              new OutcomeQuery(period[0], period[1], 5, teamA, null, true),
              new OutcomeQuery(period[0], period[1], 5, teamB, null, true),
              new OutcomeQuery(period[0], period[1], 5, teamA, REPO.id(), true),
              new OutcomeQuery(period[0], period[1], 5, null, REPO.id(), true))) {
        assertTrue(linked.serves(query));
        OutcomeReport alone = ledger.report(query);
        assertEquals(alone, linked.report(query), "scope " + query);
        assertFalse(alone.sessions().isEmpty(), "every scope has sessions: " + query);
      }
    }
  }

  @Test
  void aScopesSummaryHasItsReportsTotalsAndPeople() {
    Set<String> teamA = Set.of("p0", "p1", "p2", "p3", "p4", "p5");
    OutcomeQuery everyone = new OutcomeQuery(null, null, 5, null, null, true);
    OutcomeLedger.Linked linked = ledger.link(everyone);
    for (OutcomeQuery query :
        List.of(
            everyone,
            new OutcomeQuery(null, null, 5, teamA, null, true),
            new OutcomeQuery(null, null, 5, Set.of("p1"), null, true),
            new OutcomeQuery(null, null, 5, null, REPO.id(), true))) {
      OutcomeReport report = linked.report(query);
      OutcomeLedger.Linked.Summary summary = linked.summary(query);
      assertEquals(report.totals(), summary.totals(), "scope " + query);
      long people =
          report.sessions().stream()
              .map(OutcomeReport.SessionOutcome::person)
              .filter(java.util.Objects::nonNull)
              .distinct()
              .count();
      assertEquals(people, summary.people(), "scope " + query);
      assertTrue(people > 0);
    }
  }

  @Test
  void linksOfOnePeriodDoNotServeAnother() {
    OutcomeLedger.Linked linked = ledger.link(new OutcomeQuery(null, null, 5, null, null, true));
    OutcomeQuery week =
        new OutcomeQuery(
            LocalDate.parse("2026-11-03"), LocalDate.parse("2026-11-05"), 5, null, null, true);
    assertFalse(linked.serves(week));
    assertThrows(IllegalArgumentException.class, () -> linked.report(week));
  }
}
