package dev.goodhart.report.outcome;

import dev.goodhart.metrics.outcome.OutcomeReport;
import dev.goodhart.metrics.outcome.OutcomeReport.EfficiencyBucket;
import dev.goodhart.metrics.outcome.OutcomeReport.SessionOutcome;
import dev.goodhart.metrics.outcome.OutcomeReport.Totals;
import dev.goodhart.metrics.outcome.OutcomeReport.WasteTotal;
import dev.goodhart.metrics.outcome.WasteSignal;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The terminal summary of {@code goodhart report}: the answer first (spend, what shipped, cost per
 * shipped commit, unshipped share), then the waste signals with the sessions behind them, then the
 * efficiency curve. Never a list of people.
 */
public final class OutcomeSummary {
  /** Sessions named per waste kind: enough to act on, few enough to read. */
  private static final int EXAMPLES = 2;

  private OutcomeSummary() {}

  public static void write(OutcomeReport report, PrintWriter out) {
    Totals t = report.totals();
    if (t.sessions() == 0) {
      out.println("What the tokens shipped: no agent session in the logs read yet.");
      out.println(
          "goodhart reads the logs of Claude Code, Codex, Gemini CLI, OpenCode and the other agents"
              + " 'goodhart import usage --help' names on this machine; 'goodhart demo' shows a"
              + " synthetic organisation's report.");
      out.flush();
      return;
    }
    out.printf(
        "What the tokens shipped, %s to %s: %,d session%s%n%n",
        report.from(), report.to(), t.sessions(), t.sessions() == 1 ? "" : "s");
    out.printf(
        "  Spend %-12s Shipped commits %-8s Cost per shipped commit %s%n",
        money(t.cost()),
        "%,d".formatted(t.shippedCommits())
            + (t.commits() > t.shippedCommits() ? " of " + t.commits() : ""),
        money(t.costPerShippedCommit()));
    out.printf(
        "  Unshipped spend %s (%s of spend), linked to no commit that reached the default branch%n",
        money(t.unshippedCost()), percent(t.unshippedShare()));
    out.printf(
        "  AI lines written %,d; shipped %,d; alive at head %,d (%s); yield at 30 days %s; rework %s%n",
        t.aiLinesWritten(),
        t.aiLinesShipped(),
        t.aiLinesAliveAtHead(),
        t.aiLinesWritten() == 0
            ? "-"
            : percent((double) t.aiLinesAliveAtHead() / t.aiLinesWritten()),
        percent(t.yield30d()),
        percent(t.reworkShare()));
    landed(report, out);
    waste(report, out);
    efficiency(report.efficiency(), out);
    out.flush();
  }

  /**
   * How the work reached the default branch: sessions whose work landed under their own commit's
   * sha, and those whose work landed under another (squashed, rebased, cherry-picked, committed by
   * a person), which only line provenance sees.
   */
  private static void landed(OutcomeReport report, PrintWriter out) {
    java.util.Map<String, Integer> byKind = new java.util.TreeMap<>();
    for (SessionOutcome session : report.sessions()) {
      session.landedAs().stream()
          .map(link -> link.kind().label())
          .distinct()
          .forEach(kind -> byKind.merge(kind, 1, Integer::sum));
    }
    if (!byKind.isEmpty()) {
      StringBuilder kinds = new StringBuilder();
      byKind.forEach(
          (kind, count) ->
              kinds.append(kinds.isEmpty() ? "" : ", ").append(count).append(' ').append(kind));
      out.printf("  Sessions by how their work reached the branch: %s%n", kinds);
    }
  }

  private static void waste(OutcomeReport report, PrintWriter out) {
    List<WasteTotal> kinds =
        report.waste().stream()
            .filter(w -> w.sessions() > 0)
            .sorted(Comparator.comparing(WasteTotal::cost).reversed())
            .toList();
    out.println();
    if (kinds.isEmpty()) {
      out.println("Waste signals: none");
      return;
    }
    out.println("Waste signals (a session can show several)");
    for (WasteTotal kind : kinds) {
      out.printf(
          "  %-14s %3d sessions %10s%n", kind.kind().label(), kind.sessions(), money(kind.cost()));
      report.sessions().stream()
          .filter(s -> s.waste().stream().anyMatch(w -> w.kind() == kind.kind()))
          .sorted(Comparator.comparing(SessionOutcome::cost).reversed())
          .limit(EXAMPLES)
          .forEach(
              s -> out.printf("      %s %s: %s%n", shortId(s), where(s), evidence(s, kind.kind())));
    }
  }

  private static void efficiency(List<EfficiencyBucket> buckets, PrintWriter out) {
    if (buckets.isEmpty()) {
      return;
    }
    out.println();
    out.println("Efficiency: sessions by spend decile, cheapest first");
    out.printf(
        "  %-6s %8s %12s %12s %9s %12s%n",
        "decile", "sessions", "spend", "up to", "shipped", "per shipped");
    for (EfficiencyBucket b : buckets) {
      out.printf(
          "  %-6d %8d %12s %12s %9d %12s%n",
          b.decile(),
          b.sessions(),
          money(b.cost()),
          money(b.maxCost()),
          b.shippedCommits(),
          money(b.costPerShippedCommit()));
    }
  }

  private static String evidence(SessionOutcome s, WasteSignal.Kind kind) {
    return s.waste().stream()
        .filter(w -> w.kind() == kind)
        .findFirst()
        .map(WasteSignal::evidence)
        .orElse("");
  }

  private static String shortId(SessionOutcome s) {
    String id = s.sessionId();
    return s.source() + ":" + (id.length() > 8 ? id.substring(0, 8) : id);
  }

  private static String where(SessionOutcome s) {
    String repository = s.repository();
    if (repository == null) {
      return "(no scanned repository)";
    }
    int slash = repository.lastIndexOf('/');
    return "("
        + repository.substring(slash + 1)
        + (s.branch() == null ? "" : " " + s.branch())
        + ")";
  }

  static String money(@Nullable BigDecimal dollars) {
    if (dollars == null) {
      return "-";
    }
    return "$" + String.format(Locale.ROOT, "%,.2f", dollars.setScale(2, RoundingMode.HALF_EVEN));
  }

  static String percent(@Nullable Double share) {
    return share == null ? "-" : String.format(Locale.ROOT, "%.0f%%", share * 100);
  }
}
