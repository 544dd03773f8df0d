package dev.goodhart.ingest.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goodhart.ingest.json.JsonField;
import dev.goodhart.model.billing.VendorUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The shape Anthropic's and OpenAI's usage and cost reports share: {@code data} is a list of time
 * buckets, each with its {@code results}; {@code has_more} and {@code next_page} page through the
 * buckets, so a bucket is whole in one answer and its rows show how the answer was grouped.
 * Anthropic writes a bucket's times as RFC 3339 ({@code starting_at}, {@code ending_at}), OpenAI as
 * seconds since 1970 ({@code start_time}, {@code end_time}).
 */
public final class BucketPages {
  /** Reads one result of a bucket into a row and the dimensions that identify it. */
  @FunctionalInterface
  public interface ResultReader {
    @Nullable Row read(JsonField result, Instant start, Instant end);
  }

  /** A row without its line key and grouping, which the whole bucket decides. */
  public record Row(LineKey line, VendorUsage.Builder usage) {}

  /** How a vendor names and writes a bucket's times. */
  public record Times(String start, String end, Function<JsonField, @Nullable Instant> reader) {
    public static final Times ANTHROPIC = new Times("starting_at", "ending_at", JsonField::time);
    public static final Times OPENAI =
        new Times("start_time", "end_time", JsonField::epochSecondsOrTime);
  }

  private BucketPages() {}

  /** Whether the value is a page of such buckets whose first result satisfies {@code result}. */
  public static boolean recognises(JsonNode value, Times times, Predicate<JsonNode> result) {
    JsonNode data = value.path("data");
    if (!value.isObject() || !data.isArray() || data.isEmpty()) {
      return false;
    }
    JsonNode first = data.get(0);
    if (!first.isObject() || !first.has(times.start()) || !first.has("results")) {
      return false;
    }
    for (JsonNode bucket : data) {
      for (JsonNode row : bucket.path("results")) {
        return result.test(row);
      }
    }
    return false;
  }

  public static void read(JsonNode value, VendorPage page, Times times, ResultReader reader) {
    JsonNode data = value.path("data");
    if (!data.isArray()) {
      page.problem("data is not a list of buckets; expected {\"data\": [...], \"has_more\": ...}");
      return;
    }
    for (int b = 0; b < data.size(); b++) {
      String path = "data[" + b + "]";
      Instant[] span = page.row(data.get(b), path, field -> span(field.object(), times));
      if (span == null) {
        continue;
      }
      page.bucket(span[0]);
      List<Row> rows = new ArrayList<>();
      JsonNode results = data.get(b).path("results");
      for (int r = 0; r < results.size(); r++) {
        Row row =
            page.row(
                results.get(r),
                path + ".results[" + r + "]",
                field -> reader.read(field.object(), span[0], span[1]));
        if (row != null) {
          rows.add(row);
        }
      }
      String grouping = LineKey.grouping(rows.stream().map(Row::line).toList());
      for (Row row : rows) {
        page.add(row.usage().lineKey(row.line().key()).grouping(grouping).build());
      }
    }
    nextPage(value, page);
  }

  private static Instant @Nullable [] span(JsonField bucket, Times times) {
    Instant start = times.reader().apply(bucket.get(times.start()));
    Instant end = times.reader().apply(bucket.get(times.end()));
    if (start != null && end != null && !end.isAfter(start)) {
      bucket.get(times.end()).problem("a time after " + times.start());
    }
    bucket.get("results").array(Integer.MAX_VALUE);
    return start == null || end == null ? null : new Instant[] {start, end};
  }

  /** {@code has_more} and {@code next_page}: the token of the next page, when there is one. */
  public static void nextPage(JsonNode value, VendorPage page) {
    JsonNode next = value.path("next_page");
    if (value.path("has_more").asBoolean(false)
        && next.isTextual()
        && !next.textValue().isBlank()
        && next.textValue().length() <= 4096) {
      page.next(next.textValue());
    }
  }
}
