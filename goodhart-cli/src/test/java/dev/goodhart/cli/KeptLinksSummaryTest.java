package dev.goodhart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.metrics.outcome.Delivery;
import dev.goodhart.metrics.outcome.OutcomeLedger;
import dev.goodhart.metrics.outcome.OutcomeQuery;
import dev.goodhart.metrics.outcome.OutcomeReport;
import dev.goodhart.report.outcome.OutcomeJson;
import dev.goodhart.store.LinkedResults;
import dev.goodhart.store.duckdb.DuckDbStore;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential check of the kept linking results: on a generated organisation ({@code goodhart
 * demo}: real repositories, squash and rebase merges, deployments, rework, priced agents' logs),
 * the summary of every scope — everyone, one person, half of them, each repository, periods of a
 * week, a day and everything — summed by the store from a kept linking equals the one the Java
 * figures give from the same linking in memory, money to its last decimal, and writes the same
 * totals.
 */
class KeptLinksSummaryTest {
  @TempDir Path folder;

  @Test
  void everyScopesSummaryFromKeptLinksEqualsTheOneFromTheLinksInMemory() throws Exception {
    try (DemoScopes demo = new DemoScopes(folder, "17")) {
      DuckDbStore store = demo.store;
      CliHarness cli = demo.cli;
      OutcomeLedger ledger =
          new OutcomeLedger(store, demo.pricer, demo.people, cli.clock, Delivery.from(store));
      OutcomeQuery all = new OutcomeQuery(null, null, 5, null, null, true);
      LocalDate from = ledger.report(all).from();
      LocalDate to = ledger.report(all).to();
      assertTrue(from != null && to != null);
      List<@Nullable Set<String>> groups = new ArrayList<>(demo.groups);
      groups.add(Set.of("nobody"));
      List<@Nullable String> repositories = demo.repositories;

      int compared = 0;
      int shipped = 0;
      int reworked = 0;
      int repositoryLines = 0;
      List<LocalDate[]> periods =
          List.of(
              new LocalDate[] {null, null},
              new LocalDate[] {to.minusDays(6), to},
              new LocalDate[] {from.plusDays(2), from.plusDays(2)});
      // Every period kept first, then each read: one period's results must not touch another's.
      List<OutcomeLedger.Linked> linkings = new ArrayList<>();
      for (LocalDate[] period : periods) {
        OutcomeLedger.Linked linked =
            ledger.link(new OutcomeQuery(period[0], period[1], 5, null, null, true));
        linked.keep(store);
        linked.keep(store); // a second keep replaces the first, it does not add to it
        linkings.add(linked);
      }
      for (int p = 0; p < periods.size(); p++) {
        LocalDate[] period = periods.get(p);
        for (Set<String> group : groups) {
          for (String repository : repositories) {
            OutcomeQuery query = new OutcomeQuery(period[0], period[1], 5, group, repository, true);
            OutcomeLedger.Linked.Summary inMemory = linkings.get(p).summary(query);
            OutcomeLedger.Kept kept = ledger.keptSummary(query).orElseThrow();
            String scope = Arrays.toString(period) + " " + group + " " + repository;
            assertEquals(inMemory, kept.summary(), scope);
            assertEquals(
                OutcomeJson.totalsToJson(inMemory.totals()),
                OutcomeJson.totalsToJson(kept.summary().totals()),
                scope);
            assertEquals(cli.clock.instant(), kept.linkedAt());
            Map<String, LinkedResults.RepositorySums> byRepository = new HashMap<>();
            ledger
                .keptRepositories(query)
                .orElseThrow()
                .forEach(sums -> byRepository.put(sums.repositoryId(), sums));
            for (OutcomeReport.RepositoryOutcome outcome :
                linkings.get(p).report(query).repositories()) {
              LinkedResults.RepositorySums sums = byRepository.remove(outcome.repositoryId());
              if (outcome.sessions() == 0) {
                assertEquals(null, sums, scope);
                continue;
              }
              assertEquals(outcome.cost(), sums.cost(), scope + " " + outcome.repositoryId());
              assertEquals(outcome.suppressed(), sums.owners() < 5, scope);
              repositoryLines++;
            }
            assertEquals(Map.of(), byRepository, "repositories the report does not have");
            compared++;
            shipped += inMemory.totals().shippedCommits() > 0 ? 1 : 0;
            reworked += inMemory.totals().reworkShare() != null ? 1 : 0;
          }
        }
      }
      // Every group of persons at once, as a server's forty teams are summed: each the same.
      Map<String, Set<String>> named = new LinkedHashMap<>();
      for (Set<String> group : groups) {
        if (group != null) {
          named.put("group " + named.size(), group);
        }
      }
      int together = 0;
      for (int p = 0; p < periods.size(); p++) {
        LocalDate[] period = periods.get(p);
        for (String repository : repositories) {
          Map<String, OutcomeLedger.Linked.Summary> byGroup =
              ledger
                  .keptSummaries(
                      new OutcomeQuery(period[0], period[1], 5, null, repository, true), named)
                  .orElseThrow();
          assertEquals(named.keySet(), byGroup.keySet());
          for (Map.Entry<String, Set<String>> group : named.entrySet()) {
            OutcomeQuery query =
                new OutcomeQuery(period[0], period[1], 5, group.getValue(), repository, true);
            assertEquals(
                linkings.get(p).summary(query),
                byGroup.get(group.getKey()),
                Arrays.toString(period) + " " + group + " " + repository);
            together++;
          }
        }
      }
      assertEquals(periods.size() * repositories.size() * named.size(), together);
      System.out.printf(
          "kept links vs in memory: %d summaries and %d repository lines equal, %d with shipped commits, %d with rework%n",
          compared, repositoryLines, shipped, reworked);
      assertTrue(shipped >= compared / 3, shipped + " of " + compared + " shipped");
      assertTrue(reworked > 0, "some scope has a rework share");
      assertTrue(repositoryLines > compared / 2, repositoryLines + " repository lines compared");
      assertTrue(
          ledger.keptSummary(new OutcomeQuery(to.plusDays(1), null, 5, null, null, true)).isEmpty(),
          "a period never linked has no kept summary");
    }
  }
}
