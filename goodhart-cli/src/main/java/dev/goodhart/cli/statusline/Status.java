package dev.goodhart.cli.statusline;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What the status line shows, and the line itself: {@code Opus 4.1 | $0.23 session / $1.23 today /
 * $0.45 block (2h 45m left)}. A figure that leaves out requests no price table prices ends in
 * {@code *}, as in the usage tables; a session whose cost is unknown shows {@code n/a}; without an
 * active block, {@code no active block}.
 *
 * @param session null when unknown
 * @param block null when no block is active
 * @param blockEnd when the active block ends
 */
public record Status(
    @Nullable String model,
    @Nullable Amount session,
    Amount today,
    @Nullable Amount block,
    @Nullable Instant blockEnd,
    Instant now) {
  public Status {
    requireNonNull(today, "today is null");
    requireNonNull(now, "now is null");
  }

  /** Dollars, and how many requests in them have no price. */
  public record Amount(BigDecimal dollars, int unpriced) {
    public Amount {
      requireNonNull(dollars, "dollars is null");
    }

    String format() {
      return String.format(Locale.ROOT, "$%,.2f", dollars) + (unpriced > 0 ? "*" : "");
    }
  }

  /** The one line Claude Code shows. */
  public String line() {
    StringBuilder line = new StringBuilder();
    if (model != null && !model.isBlank()) {
      line.append(model.strip()).append(" | ");
    }
    line.append(session == null ? "n/a" : session.format()).append(" session / ");
    line.append(today.format()).append(" today / ");
    if (block == null || blockEnd == null) {
      line.append("no active block");
    } else {
      line.append(block.format()).append(" block (").append(left()).append(')');
    }
    return line.toString();
  }

  private String left() {
    long minutes = Math.max(0, Duration.between(now, blockEnd).toMinutes());
    return minutes >= 60
        ? "%dh %dm left".formatted(minutes / 60, minutes % 60)
        : "%dm left".formatted(minutes);
  }
}
