package dev.goodhart.ingest.vendor;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goodhart.ingest.json.JsonPayload;
import dev.goodhart.model.billing.Vendor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** The vendor report formats on the class path, and which of them an answer is. */
public final class VendorFormats {
  private final List<VendorFormat> formats;

  private VendorFormats(List<VendorFormat> formats) {
    this.formats = List.copyOf(formats);
  }

  /** Every format registered through {@link ServiceLoader}, by vendor and report. */
  public static VendorFormats load() {
    List<VendorFormat> found = new ArrayList<>();
    ServiceLoader.load(VendorFormat.class, VendorFormats.class.getClassLoader())
        .forEach(found::add);
    found.sort(
        Comparator.comparing((VendorFormat format) -> format.vendor())
            .thenComparing(VendorFormat::report));
    return new VendorFormats(found);
  }

  public List<VendorFormat> all() {
    return formats;
  }

  /** The format a value is of, if any. */
  public Optional<VendorFormat> recognise(JsonNode value) {
    requireNonNull(value, "value is null");
    for (VendorFormat format : formats) {
      if (format.recognises(value)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  /** The format of a vendor's report, by its name. */
  public Optional<VendorFormat> get(Vendor vendor, String report) {
    return formats.stream()
        .filter(format -> format.vendor() == vendor && format.report().equals(report))
        .findFirst();
  }

  /**
   * Why a value is of no known format, for its problem's message: a page of buckets without rows
   * (or of no bucket) says nothing of its report and is passed over; anything else lists its
   * fields.
   */
  static Optional<String> unknown(JsonNode value) {
    if (value.isObject() && value.path("data").isArray() && allBucketsEmpty(value.get("data"))) {
      return Optional.empty();
    }
    TreeSet<String> fields = new TreeSet<>();
    value.fieldNames().forEachRemaining(fields::add);
    String shown =
        fields.isEmpty()
            ? "no fields"
            : "fields "
                + String.join(", ", fields.stream().limit(8).map(JsonPayload::quote).toList())
                + (fields.size() > 8 ? ", ..." : "");
    return Optional.of(
        "not an answer of a vendor report goodhart reads (%s); it reads Anthropic's cost and messages usage reports and Claude Code Analytics, OpenAI's costs and completions usage, Copilot's premium request usage and usage metrics (NDJSON), and Cursor's usage events"
            .formatted(shown));
  }

  private static boolean allBucketsEmpty(JsonNode data) {
    for (JsonNode bucket : data) {
      if (!bucket.isObject()
          || !bucket.path("results").isArray()
          || !bucket.get("results").isEmpty()) {
        return false;
      }
    }
    return true;
  }
}
