package dev.goodhart.cli;

import dev.goodhart.ingest.forge.ForgeClient;
import dev.goodhart.ingest.forge.ForgeListener;
import dev.goodhart.ingest.forge.ForgeProblem;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * What a person at a terminal sees of a forge or vendor import: a progress bar of pull requests or
 * requests (or bytes, for saved files) on standard error, the first unreadable records, and every
 * wait for a rate limit.
 */
final class ForgeProgress implements ForgeListener, AutoCloseable {
  private static final int LISTED_PROBLEMS = 10;

  private final CliContext context;
  private final String label;
  private final ProgressBar.Unit unit;
  private final AtomicLong problems = new AtomicLong();
  private @Nullable ProgressBar bar;
  private long expected;

  ForgeProgress(CliContext context, String label) {
    this(context, label, ProgressBar.Unit.PULL_REQUESTS);
  }

  /** A bar of other items than pull requests: a vendor import counts its requests. */
  ForgeProgress(CliContext context, String label, ProgressBar.Unit unit) {
    this.context = context;
    this.label = label;
    this.unit = unit;
  }

  @Override
  public synchronized void expected(long pullRequests) {
    if (!context.showProgress() || pullRequests <= expected) {
      return;
    }
    expected = pullRequests;
    if (bar == null) {
      bar = new ProgressBar(context.err, label, pullRequests, unit);
    } else {
      bar.total(pullRequests);
    }
  }

  @Override
  public synchronized void pullRequestRead() {
    if (bar != null) {
      bar.advance(1);
    }
  }

  @Override
  public synchronized void expectedBytes(long bytes) {
    if (context.showProgress() && bytes > 0 && bar == null) {
      bar = new ProgressBar(context.err, label, bytes, ProgressBar.Unit.BYTES);
    }
  }

  @Override
  public synchronized void bytesRead(long bytes) {
    if (bar != null) {
      bar.advance(bytes);
    }
  }

  @Override
  public synchronized void problem(ForgeProblem problem) {
    long count = problems.incrementAndGet();
    if (count <= LISTED_PROBLEMS && !context.strict) {
      clearBar();
      context.warn("skipped " + problem.message());
    }
  }

  @Override
  public synchronized void waiting(Duration wait, Instant until, String why) {
    clearBar();
    context.warn(
        "%s; waiting %s (until %s)"
            .formatted(why, ForgeClient.describe(wait), until.truncatedTo(ChronoUnit.SECONDS)));
  }

  private void clearBar() {
    if (bar != null) {
      bar.finish();
    }
  }

  @Override
  public synchronized void close() {
    clearBar();
    bar = null;
    if (problems.get() > LISTED_PROBLEMS && !context.strict) {
      context.warn(
          "skipped %,d unreadable records in all (%,d listed above); what could be read was stored"
              .formatted(problems.get(), LISTED_PROBLEMS));
    }
  }
}
