package dev.goodhart.ingest.cursor;

import dev.goodhart.ingest.forge.ApiHeaders;
import dev.goodhart.ingest.vendor.ApiReport;
import dev.goodhart.ingest.vendor.ApiRequest;
import dev.goodhart.ingest.vendor.Queries;
import dev.goodhart.ingest.vendor.VendorApi;
import dev.goodhart.ingest.vendor.VendorFormat;
import dev.goodhart.ingest.vendor.VendorPage;
import dev.goodhart.model.billing.Vendor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Cursor's Admin API with a team admin key (HTTP Basic, the key as the user name): usage events,
 * asked for in windows of at most 30 days, 500 events to a page, the page number in the request's
 * body. Cursor keeps only a rolling window of events: history accrues from the first import on.
 */
public final class CursorAdminApi implements VendorApi {
  static final int PAGE_SIZE = 500;
  static final Duration WINDOW = Duration.ofDays(30);

  @Override
  public Vendor vendor() {
    return Vendor.CURSOR;
  }

  @Override
  public String title() {
    return "Cursor";
  }

  @Override
  public URI defaultApiUrl() {
    return URI.create("https://api.cursor.com");
  }

  @Override
  public String tokenVariable() {
    return "CURSOR_API_KEY";
  }

  @Override
  public Map<String, String> headers(@Nullable String token) {
    // HTTP Basic with the key as the user name and no password.
    String basic =
        token == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString((token + ":").getBytes(StandardCharsets.UTF_8));
    return ApiHeaders.json().secret("Authorization", basic);
  }

  @Override
  public String refusal() {
    return "the key may not be a team admin key of the Admin API (Teams and Enterprise plans)";
  }

  @Override
  public String notFound() {
    return "the Admin API has no usage events here: check --api-url";
  }

  @Override
  public List<ApiReport> reports(URI apiUrl, @Nullable String scope) {
    return List.of(
        new Events(
            new CursorUsageEvents(),
            URI.create(Queries.base(apiUrl) + "/teams/filtered-usage-events")));
  }

  /** Usage events, window by window, page by page. */
  private record Events(VendorFormat format, URI uri) implements ApiReport {
    @Override
    public String report() {
      return format.report();
    }

    @Override
    public String scope() {
      return "";
    }

    @Override
    public List<ApiRequest> start(Instant from, Instant now) {
      List<ApiRequest> windows = new ArrayList<>();
      for (Instant start = from; start.isBefore(now); start = start.plus(WINDOW)) {
        Instant end = start.plus(WINDOW).isBefore(now) ? start.plus(WINDOW) : now;
        windows.add(request(start, end, 1));
      }
      return windows;
    }

    private ApiRequest request(Instant start, Instant end, int page) {
      return ApiRequest.post(
          uri,
          "{\"startDate\": %d, \"endDate\": %d, \"page\": %d, \"pageSize\": %d}"
              .formatted(start.toEpochMilli(), end.toEpochMilli() - 1, page, PAGE_SIZE),
          format);
    }

    @Override
    public List<ApiRequest> follow(ApiRequest sent, VendorPage page) {
      if (page.nextPage() == null) {
        return List.of();
      }
      byte[] sentBody = sent.body();
      String body = sentBody == null ? "" : new String(sentBody, StandardCharsets.UTF_8);
      return List.of(
          ApiRequest.post(
              uri, body.replaceFirst("\"page\": [0-9]+", "\"page\": " + page.nextPage()), format));
    }
  }
}
