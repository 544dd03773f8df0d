package dev.goodhart.ingest.vendor;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A report asked for as its vendor's API pages it: one request from a time on ({@link #from}), or
 * one per UTC day ({@link #daily}); either way its answers' {@code next_page} tokens are followed
 * with {@code page=}.
 */
public final class RangeReport implements ApiReport {
  private final VendorFormat format;
  private final String scope;
  private final BiFunction<Instant, Instant, List<URI>> first;
  private final int recentRequests;

  /**
   * @param recentRequests how many of the last first requests ask for days the vendor may not have
   *     reported yet (yesterday and today, for a daily report)
   */
  private RangeReport(
      VendorFormat format,
      String scope,
      BiFunction<Instant, Instant, List<URI>> first,
      int recentRequests) {
    this.format = requireNonNull(format, "format is null");
    this.scope = requireNonNull(scope, "scope is null");
    this.first = requireNonNull(first, "first is null");
    this.recentRequests = recentRequests;
  }

  /** A report asked for once, from the first day's start on. */
  public static RangeReport from(VendorFormat format, Function<Instant, URI> first) {
    return new RangeReport(format, "", (from, now) -> List.of(first.apply(from)), 0);
  }

  /** A report asked for a UTC day at a time, up to today. */
  public static DailyBuilder daily(VendorFormat format) {
    return new DailyBuilder(format);
  }

  /** The days of a daily report, and its cursor's scope. */
  public static final class DailyBuilder {
    private final VendorFormat format;
    private String scope = "";

    private DailyBuilder(VendorFormat format) {
      this.format = format;
    }

    public DailyBuilder scope(String scope) {
      this.scope = scope;
      return this;
    }

    /** The report, asking for each day at the address {@code day} gives. */
    public ApiReport asking(Function<LocalDate, URI> day) {
      return new RangeReport(format, scope, (from, now) -> days(from, now, day), 2);
    }
  }

  private static List<URI> days(Instant from, Instant now, Function<LocalDate, URI> day) {
    // The answer's days are UTC days; today's is asked for too, and asked again next time.
    List<URI> requests = new ArrayList<>();
    LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC);
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    for (LocalDate d = first; !d.isAfter(today) && requests.size() < 3_700; d = d.plusDays(1)) {
      requests.add(day.apply(d));
    }
    return requests;
  }

  @Override
  public String report() {
    return format.report();
  }

  @Override
  public String scope() {
    return scope;
  }

  @Override
  public List<ApiRequest> start(Instant from, Instant now) {
    List<URI> uris = first.apply(from, now);
    List<ApiRequest> requests = new ArrayList<>();
    for (int i = 0; i < uris.size(); i++) {
      ApiRequest request = ApiRequest.get(uris.get(i), format);
      requests.add(i >= uris.size() - recentRequests ? request.asRecent() : request);
    }
    return requests;
  }

  @Override
  public List<ApiRequest> follow(ApiRequest sent, VendorPage page) {
    return page.nextPage() == null
        ? List.of()
        : List.of(ApiRequest.get(Queries.withPage(sent.uri(), page.nextPage()), format));
  }
}
