package dev.goodhart.ingest.vendor;

import static java.util.Objects.requireNonNull;

import dev.goodhart.ingest.forge.ForgeClient;
import dev.goodhart.ingest.forge.ForgeListener;
import dev.goodhart.ingest.forge.ForgeProblem;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.billing.VendorCursor;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Imports a vendor's reports from its API, from where the last import stopped:
 *
 * <ul>
 *   <li>Each report is read from the start of the last bucket the last complete import read (a
 *       vendor fills a bucket while it lasts, and revises it for a while), or from {@code since},
 *       or, the first time, from {@value #FIRST_DAYS} days back, up to now, page by page. A report
 *       asked for a day at a time may not have yesterday's or today's yet: their {@code 404} is no
 *       problem.
 *   <li>Each answer's rows are stored as they come, in one transaction per answer; a row stored
 *       before is replaced, so asking again for a bucket never counts it twice.
 *   <li>A report's cursor advances to its latest bucket only at the end of a pass without problems:
 *       an import stopped by a rate limit, a failure or {@code --strict} keeps what it stored, and
 *       the next one asks again from the old cursor.
 * </ul>
 */
public final class VendorApiImporter {
  /** How far back the first import of a report reads when no day is given. */
  public static final int FIRST_DAYS = 30;

  /**
   * @param strict the first unreadable answer or row ends the import
   * @param since the first UTC day to read, whatever the cursor says; null to resume
   */
  public record Options(boolean strict, @Nullable LocalDate since) {}

  private final VendorApi api;
  private final ForgeClient client;
  private final VendorReader reader;
  private final VendorTarget target;
  private final Clock clock;
  private final ForgeListener listener;

  public VendorApiImporter(
      VendorApi api,
      ForgeClient client,
      VendorReader reader,
      VendorTarget target,
      Clock clock,
      ForgeListener listener) {
    this.api = requireNonNull(api, "api is null");
    this.client = requireNonNull(client, "client is null");
    this.reader = requireNonNull(reader, "reader is null");
    this.target = requireNonNull(target, "target is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.listener = requireNonNull(listener, "listener is null");
  }

  /**
   * @throws GoodhartException when the API refuses the key, does not know a report, its rate limit
   *     would take too long to lift, the network fails, or (under {@code strict}) an answer cannot
   *     be read; what was stored before stays
   */
  public VendorImportSummary run(@Nullable String scope, Options options) {
    Instant now = clock.instant();
    ReportTally tally = new ReportTally();
    int[] counts = new int[3]; // values, ignored, bad records
    boolean advanced = true;
    List<ApiReport> reports = api.reports(client.apiUrl(), scope);
    for (ApiReport report : reports) {
      advanced &= new Pass(report, options, tally, counts).run(now);
    }
    return new VendorImportSummary(
        tally.reports(),
        counts[0],
        counts[1],
        counts[2],
        client.requests(),
        advanced,
        client.waited());
  }

  /** One report, from its first day to now. */
  private final class Pass {
    private final ApiReport report;
    private final Options options;
    private final ReportTally tally;
    private final int[] counts;
    private @Nullable Instant lastBucket;
    private boolean clean = true;
    private long expected;

    Pass(ApiReport report, Options options, ReportTally tally, int[] counts) {
      this.report = report;
      this.options = options;
      this.tally = tally;
      this.counts = counts;
    }

    boolean run(Instant now) {
      Instant from = from(now);
      Deque<ApiRequest> queue = new ArrayDeque<>(report.start(from, now));
      expected += queue.size();
      listener.expected(expected);
      boolean first = true;
      while (!queue.isEmpty()) {
        ApiRequest request = queue.poll();
        ForgeClient.Answer answer =
            request.download()
                ? client.download(request.uri())
                : request.body() != null
                    ? client.post(request.uri(), request.body())
                    : client.get(request.uri(), null);
        switch (answer) {
          case ForgeClient.Page page -> {
            List<ApiRequest> more = read(request, page.body());
            for (int i = more.size() - 1; i >= 0; i--) {
              queue.addFirst(more.get(i)); // a report's next page before the other days
            }
            if (!more.isEmpty()) {
              expected += more.size();
              listener.expected(expected);
            }
          }
          case ForgeClient.NotFound notFound -> {
            if (request.recent()) {
              break; // a day the vendor has not reported yet: asked again next time
            }
            if (first) {
              throw new GoodhartException(
                  ErrorCode.FORGE_NOT_FOUND,
                  "%s answered 404 to %s: %s"
                      .formatted(api.title(), request.describe(), api.notFound()));
            }
            problem(new ForgeProblem(request.describe(), "not found (404)"));
          }
          case ForgeClient.Unreadable unreadable ->
              problem(new ForgeProblem(request.describe(), unreadable.reason()));
          case ForgeClient.NotModified notModified ->
              problem(new ForgeProblem(request.describe(), "answered 304 without an ETag sent"));
        }
        first = false;
        listener.pullRequestRead();
      }
      if (clean) {
        // A report with nothing since `from` resumes from yesterday: vendors fill a day's
        // report within a day, so nothing older than that can still arrive.
        Instant resume = lastBucket;
        if (resume == null) {
          Instant yesterday = startOfDay(now).minus(java.time.Duration.ofDays(1));
          resume = from.isAfter(yesterday) ? from : yesterday;
        }
        target.record(
            List.of(),
            List.of(new VendorCursor(api.vendor(), report.report(), report.scope(), resume)));
      }
      return clean;
    }

    private static Instant startOfDay(Instant time) {
      return LocalDate.ofInstant(time, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The start of the first UTC day to read. */
    private Instant from(Instant now) {
      if (options.since() != null) {
        return options.since().atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      Instant cursor = target.cursor(api.vendor(), report.report(), report.scope()).orElse(null);
      if (cursor != null) {
        return LocalDate.ofInstant(cursor, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return LocalDate.ofInstant(now, ZoneOffset.UTC)
          .minusDays(FIRST_DAYS)
          .atStartOfDay(ZoneOffset.UTC)
          .toInstant();
    }

    /** Stores an answer's rows; returns what it leads to. */
    private List<ApiRequest> read(ApiRequest request, byte[] body) {
      List<ApiRequest> more = new java.util.ArrayList<>();
      reader.read(
          body,
          request.describe(),
          request.expected(),
          new VendorReader.Handler() {
            @Override
            public void page(VendorPage page) {
              counts[0]++;
              if (page.ignored() != null) {
                counts[1]++;
              }
              if (page.format() != null) {
                tally.add(page.format(), page.rows());
              }
              if (!page.rows().isEmpty()) {
                target.record(page.rows(), List.of());
              }
              if (page.lastBucket() != null
                  && (lastBucket == null || page.lastBucket().isAfter(lastBucket))) {
                lastBucket = page.lastBucket();
              }
              page.problems().forEach(Pass.this::problem);
              more.addAll(report.follow(request, page));
            }

            @Override
            public void broken(ForgeProblem problem) {
              problem(problem);
            }
          });
      return more;
    }

    private void problem(ForgeProblem problem) {
      counts[2]++;
      clean = false;
      listener.problem(problem);
      if (options.strict()) {
        throw new GoodhartException(
            ErrorCode.BAD_RECORD,
            problem.message()
                + "; what was imported before it is stored (without --strict it is skipped)");
      }
    }
  }
}
