package dev.goodhart.metrics.outcome;

import dev.goodhart.metrics.outcome.OutcomeReport.SessionOutcome;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Sums over a group of sessions (all of them, a repository's): spend, what shipped and the lines.
 * The yield is over the sessions whose 30-day figure is known.
 */
final class SessionTally {
  BigDecimal cost = BigDecimal.ZERO;
  BigDecimal shippedCost = BigDecimal.ZERO;
  BigDecimal unshippedCost = BigDecimal.ZERO;
  long tokens;
  long written;
  long shippedLines;
  long alive;
  long written30;
  long alive30;
  final Set<String> commits = new HashSet<>();
  final Set<String> shippedCommits = new HashSet<>();

  void add(LinkedSession s) {
    SessionOutcome o = s.outcome();
    cost = cost.add(o.cost());
    tokens += o.tokens();
    written += o.aiLinesWritten();
    shippedLines += o.aiLinesShipped();
    alive += o.aiLinesAliveAtHead();
    if (o.aiLinesAlive30d() != null) {
      written30 += o.aiLinesWritten();
      alive30 += o.aiLinesAlive30d();
    }
    s.links.forEach(link -> commits.add(link.sha()));
    s.links.stream().filter(CommitLink::shipped).forEach(link -> shippedCommits.add(link.sha()));
    if (o.shippedCommits() > 0) {
      shippedCost = shippedCost.add(o.cost());
    } else {
      unshippedCost = unshippedCost.add(o.cost());
    }
  }

  @Nullable Double yield30d() {
    return written30 == 0 ? null : (double) alive30 / written30;
  }

  @Nullable BigDecimal costPerShippedCommit() {
    return shippedCommits.isEmpty()
        ? null
        : SessionFigures.divide(shippedCost, shippedCommits.size());
  }
}
