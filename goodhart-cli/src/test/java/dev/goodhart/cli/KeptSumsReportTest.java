package dev.goodhart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.metrics.outcome.Delivery;
import dev.goodhart.metrics.outcome.OutcomeLedger;
import dev.goodhart.metrics.outcome.OutcomeQuery;
import dev.goodhart.metrics.outcome.OutcomeReport;
import dev.goodhart.report.outcome.OutcomeJson;
import dev.goodhart.store.Store;
import dev.goodhart.store.UsageAggregate;
import dev.goodhart.store.UsageFilter;
import dev.goodhart.store.duckdb.DuckDbStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential check of the per-session and day sums every write keeps: on a generated
 * organisation ({@code goodhart demo}: real repositories, squash and rebase merges, deployments,
 * agents' logs), every report — the whole organisation, each person group, each repository, periods
 * of a day, a week and everything, the privacy floor at 5 and at 1 — is the same document, money to
 * the cent, whether its spend is read from the kept sums or summed from the events.
 */
class KeptSumsReportTest {
  @TempDir Path folder;

  @Test
  void everyReportFromTheKeptSumsEqualsTheOneSummedFromTheEvents() throws Exception {
    try (DemoScopes demo = new DemoScopes(folder, "11")) {
      DuckDbStore store = demo.store;
      Store summed = summingFromEvents(store);
      Delivery delivery = Delivery.from(store);
      OutcomeLedger kept =
          new OutcomeLedger(store, demo.pricer, demo.people, demo.cli.clock, delivery);
      OutcomeLedger fromEvents =
          new OutcomeLedger(summed, demo.pricer, demo.people, demo.cli.clock, delivery);

      OutcomeReport everything = fromEvents.report(new OutcomeQuery(null, null, 5));
      LocalDate from = everything.from();
      LocalDate to = everything.to();
      assertTrue(from != null && to != null && everything.totals().sessions() > 20);
      List<LocalDate[]> periods =
          List.of(
              new LocalDate[] {null, null},
              new LocalDate[] {from, from.plusDays(6)},
              new LocalDate[] {to.minusDays(6), to},
              new LocalDate[] {from.plusDays(3), from.plusDays(3)},
              new LocalDate[] {to.plusDays(1), null});
      List<@Nullable Set<String>> groups = demo.groups;
      List<@Nullable String> repositories = demo.repositories;

      int compared = 0;
      int withSpend = 0;
      for (LocalDate[] period : periods) {
        for (Set<String> group : groups) {
          for (String repository : repositories) {
            for (int floor : new int[] {5, 1}) {
              OutcomeQuery query =
                  new OutcomeQuery(period[0], period[1], floor, group, repository, true);
              OutcomeReport fromSums = kept.report(query);
              assertEquals(
                  OutcomeJson.toJson(fromEvents.report(query)),
                  OutcomeJson.toJson(fromSums),
                  Arrays.toString(period) + " " + group + " " + repository + " floor " + floor);
              compared++;
              withSpend += fromSums.totals().cost().signum() > 0 ? 1 : 0;
            }
          }
        }
      }
      System.out.printf(
          "kept sums vs events: %d reports equal, %d with spend%n", compared, withSpend);
      assertTrue(withSpend >= compared / 3, withSpend + " of " + compared + " had spend");
    }
  }

  /** The store, its per-session and day usage summed from the events instead of the kept sums. */
  private static Store summingFromEvents(DuckDbStore store) {
    return (Store)
        Proxy.newProxyInstance(
            Store.class.getClassLoader(),
            new Class<?>[] {Store.class},
            (proxy, method, arguments) -> {
              if (method.getName().equals("usageBySessionDay")) {
                List<UsageAggregate> summed =
                    store.usageBySessionDayFromEvents((UsageFilter) arguments[0]);
                if (arguments.length == 1) {
                  return summed;
                }
                @SuppressWarnings("unchecked")
                Consumer<UsageAggregate> consumer = (Consumer<UsageAggregate>) arguments[1];
                summed.forEach(consumer);
                return null;
              }
              try {
                return method.invoke(store, arguments);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
