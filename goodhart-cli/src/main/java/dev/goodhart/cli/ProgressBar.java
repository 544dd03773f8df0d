package dev.goodhart.cli;

import java.io.PrintWriter;

/**
 * A one-line progress bar on standard error, redrawn at most ten times a second and only once the
 * work has taken a moment, so that quick runs print nothing.
 */
final class ProgressBar {
  private static final long FIRST_DRAW_NANOS = 300_000_000L;
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final int WIDTH = 30;

  /** What is counted: bytes are shown in MiB, items with their rate. */
  enum Unit {
    BYTES,
    COMMITS,
    PULL_REQUESTS,
    REQUESTS
  }

  private final PrintWriter err;
  private final String label;
  private long total;
  private final Unit unit;
  private final long started = System.nanoTime();
  private long done;
  private long lastDraw;
  private boolean drawn;

  ProgressBar(PrintWriter err, String label, long total) {
    this(err, label, total, Unit.BYTES);
  }

  ProgressBar(PrintWriter err, String label, long total, Unit unit) {
    this.err = err;
    this.label = label;
    this.total = Math.max(1, total);
    this.unit = unit;
  }

  /** A larger total, for work that learns how much there is as it goes. */
  synchronized void total(long newTotal) {
    total = Math.max(total, newTotal);
  }

  /** Moves to {@code value} done, for work that reports how far it is rather than how much more. */
  synchronized void reach(long value) {
    advance(value - done);
  }

  synchronized void advance(long amount) {
    done = Math.min(total, done + amount);
    long now = System.nanoTime();
    if (now - started < FIRST_DRAW_NANOS || now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    draw(now);
  }

  synchronized void finish() {
    if (drawn) {
      err.print("\r" + " ".repeat(79) + "\r");
      err.flush();
    }
  }

  private void draw(long now) {
    int filled = (int) (WIDTH * done / total);
    double seconds = (now - started) / 1e9;
    String amounts =
        unit == Unit.BYTES
            ? mebibytes(done) + "/" + mebibytes(total)
            : "%,d/%,d %.0f/s".formatted(done, total, done / Math.max(seconds, 1e-3));
    err.printf(
        "\r%s [%s%s] %3d%% %s %.1fs",
        label,
        "#".repeat(filled),
        ".".repeat(WIDTH - filled),
        100 * done / total,
        amounts,
        seconds);
    err.flush();
    drawn = true;
  }

  private static String mebibytes(long bytes) {
    return bytes >= 1L << 30
        ? "%.1f GiB".formatted(bytes / (double) (1L << 30))
        : (bytes >> 20) + " MiB";
  }
}
