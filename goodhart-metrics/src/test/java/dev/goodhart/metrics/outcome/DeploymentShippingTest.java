package dev.goodhart.metrics.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.goodhart.metrics.usage.CostMode;
import dev.goodhart.metrics.usage.Pricer;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import dev.goodhart.model.delivery.DeploymentFact;
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
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md: a commit ships when it reaches the default branch, or, where the repository's
 * deployments are known, when a successful production deployment contains it.
 */
class DeploymentShippingTest {
  private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
  private static final String A = "a".repeat(40);
  private static final String B = "b".repeat(40);
  private static final String C = "c".repeat(40);
  private static final RepositoryRef REPO =
      new RepositoryRef("r-1", "/work/api", "git@github.com:acme/api.git", "main", C);

  @TempDir Path folder;
  private DuckDbStore store;

  private static CommitFact commit(String sha, List<String> parents, int minute) {
    Instant at = T0.plusSeconds(60L * minute);
    return new CommitFact(
        REPO.id(),
        sha,
        parents,
        "Ana",
        "ana@example.com",
        at,
        at,
        "change " + sha.charAt(0),
        true,
        10,
        0,
        null,
        List.of(),
        List.of(),
        null,
        null,
        new LineFate(10, 10, 10, 0, null, null, null, null, new int[0], new long[0]));
  }

  @BeforeEach
  void sessionWithThreeCommits() {
    store = DuckDbStore.open(folder, new DuckDbStore.Settings("128MB", 1));
    store.replaceScan(
        new RepositoryScan(
            REPO,
            T0.plusSeconds(3600),
            "test",
            List.of(commit(A, List.of(), 1), commit(B, List.of(A), 2), commit(C, List.of(B), 3))));
    UsageEvent request =
        new UsageEvent(
            "claude-code",
            "otel:req_1",
            null,
            false,
            T0,
            "s-1",
            null,
            "/work/api",
            "main",
            "person:p1",
            "anthropic",
            "claude-sonnet-4-5",
            false,
            TokenCounts.of(100, 10, 0, 0),
            new BigDecimal("3.00"));
    SessionSignal.Context at =
        new SessionSignal.Context("claude-code", "s-1", "person:p1", T0, "/work/api", "main", null);
    store.appendTelemetry(
        List.of(request),
        List.of(
            SessionSignal.commit(at, "c:a", A.substring(0, 7), "main"),
            SessionSignal.commit(at, "c:b", B.substring(0, 7), "main"),
            SessionSignal.commit(at, "c:c", C.substring(0, 7), "main")));
  }

  @org.junit.jupiter.api.AfterEach
  void close() {
    store.close();
  }

  private OutcomeReport.Totals totals(List<DeploymentFact> deployments) {
    OutcomeReport report =
        new OutcomeLedger(
                store,
                new Pricer(PriceTable.of("none", Map.of()), CostMode.DISPLAY),
                machine -> null,
                Clock.fixed(T0.plusSeconds(86_400), ZoneOffset.UTC),
                deployments)
            .report(new OutcomeQuery(null, null, 1, null, null, false));
    return report.totals();
  }

  private static DeploymentFact deployment(
      String repository, String sha, String env, String state) {
    return new DeploymentFact(
        "github", "d-" + sha.charAt(0) + env, repository, sha, env, state, T0);
  }

  @Test
  void withoutDeploymentsTheDefaultBranchIsWhereCommitsShip() {
    assertEquals(3, totals(List.of()).shippedCommits());
  }

  @Test
  void withProductionDeploymentsACommitShipsWhenOneContainsIt() {
    OutcomeReport.Totals totals =
        totals(
            List.of(
                deployment("acme/api", B, "production", "success"),
                deployment("acme/api", C, "staging", "success"),
                deployment("acme/api", C, "production", "failure")));
    assertEquals(2, totals.shippedCommits(), "A and B are in production; C only in staging");
    assertEquals(3, totals.commits());
  }

  @Test
  void aReplacedDeploymentStillCountsAndOtherRepositoriesDoNot() {
    assertEquals(
        3, totals(List.of(deployment("acme/api", C, "Production", "inactive"))).shippedCommits());
    assertEquals(
        3,
        totals(List.of(deployment("acme/web", A, "production", "success"))).shippedCommits(),
        "deployments of another repository say nothing of this one");
  }
}
