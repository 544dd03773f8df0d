package dev.goodhart.metrics.outcome;

import dev.goodhart.metrics.outcome.OutcomeReport.SessionOutcome;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One session's figures from its links: what shipped, the lines it wrote that entered the branch
 * and are alive at its head and 30 days on (each at most what it wrote), its cost per shipped
 * commit.
 */
final class SessionFigures {
  private static final Duration THIRTY_DAYS = Duration.ofDays(30);

  private SessionFigures() {}

  static SessionOutcome of(LinkedSession s, List<WasteSignal> waste, Instant now) {
    long written = s.work.linesWritten();
    long shippedLines = 0;
    long alive = 0;
    long alive30 = 0;
    boolean thirtyKnown = !s.subject.end().plus(THIRTY_DAYS).isAfter(now);
    for (CommitLink link : s.links) {
      if (!link.onBranch()) {
        continue;
      }
      CommitLink.Lines lines = link.lines();
      if (link.shipped()) {
        shippedLines += lines.shipped();
      }
      alive += lines.aliveAtHead();
      if (lines.alive30d() == null) {
        thirtyKnown = false;
      } else {
        alive30 += lines.alive30d();
      }
    }
    int shipped = s.shipped();
    BigDecimal cost = s.spend.cost();
    ScannedRepository repository = s.subject.repository();
    return new SessionOutcome(
        s.spend.sessionId(),
        s.spend.source(),
        s.subject.person(),
        repository == null ? null : repository.ref().path(),
        s.branch(),
        s.subject.start(),
        s.subject.end(),
        cost,
        s.spend.tokens(),
        s.work.prompts().size(),
        s.spend.apiCalls(),
        s.spend.models(),
        s.links,
        shipped,
        written,
        Math.min(written, shippedLines),
        Math.min(written, alive),
        thirtyKnown ? Math.min(written, alive30) : null,
        shipped == 0 ? null : divide(cost, shipped),
        List.copyOf(waste),
        s.unresolved,
        s.spend.estimated());
  }

  static BigDecimal divide(BigDecimal amount, int count) {
    return amount.divide(BigDecimal.valueOf(count), 6, RoundingMode.HALF_EVEN);
  }

  static @Nullable Double share(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }
}
